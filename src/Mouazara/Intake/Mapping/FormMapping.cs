using System.Text.Json;
using System.Text.Json.Serialization;
using Mouazara.Intake.Providers;
using Mouazara.Programme;

namespace Mouazara.Intake.Mapping;

/// <summary>
/// How one form of one provider becomes applications of one edition, as programme staff write it in
/// <c>editions/mappings/{edition}.{provider}.json</c>: which question fills which application field, how the
/// form's choice labels (Arabic or French) become our codes, and which upload question is which document type.
/// Configuration, not code: a new form or a renamed choice is a file change, and rejected deliveries are
/// re-processed once it is made.
/// </summary>
public sealed record FormMapping
{
    public required string Edition { get; init; }

    public required string Provider { get; init; }

    /// <summary>The provider's ids of the forms this mapping reads (Kobo asset uid, Typeform form id, Tally form id).</summary>
    public required IReadOnlyList<string> Forms { get; init; }

    /// <summary>Application field (e.g. <c>applicant.region</c>) to the rule that fills it.</summary>
    public IReadOnlyDictionary<string, FieldRule> Fields { get; init; } = new Dictionary<string, FieldRule>();

    /// <summary>Document type (e.g. <c>statutes</c>) to the upload question that carries it.</summary>
    public IReadOnlyDictionary<string, string> Documents { get; init; } = new Dictionary<string, string>();

    /// <summary>The file it was read from, for messages to staff.</summary>
    [JsonIgnore]
    public string File { get; init; } = "";
}

/// <summary>
/// One application field's rule: the question to read (<c>question</c>), its choices to our values
/// (<c>choices</c>, keys compared ignoring case and accents), a fixed <c>value</c> instead of a question, or a
/// <c>default</c> when the question was left unanswered.
/// </summary>
public sealed record FieldRule
{
    public string? Question { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Choices { get; init; }

    public JsonElement? Value { get; init; }

    public JsonElement? Default { get; init; }
}

/// <summary>The application fields a mapping may fill, and what kind of value each takes.</summary>
public static class MappedFields
{
    public enum Kind
    {
        Text,
        Code,
        Boolean,
        Amount,
        Count,
        Date,
    }

    public sealed record Field(Kind Kind, IReadOnlyDictionary<string, Bilingual>? Vocabulary = null);

    static readonly IReadOnlyDictionary<string, Bilingual> LanguageVocabulary = new Dictionary<string, Bilingual>(StringComparer.Ordinal)
    {
        ["ar"] = new("العربية", "Arabe"),
        ["fr"] = new("الفرنسية", "Français"),
    };

    public static readonly IReadOnlyDictionary<string, Field> All = new Dictionary<string, Field>(StringComparer.Ordinal)
    {
        ["language"] = new(Kind.Code, LanguageVocabulary),
        ["applicant.type"] = new(Kind.Code, ApplicantTypes.All),
        ["applicant.name"] = new(Kind.Text),
        ["applicant.registrationNumber"] = new(Kind.Text),
        ["applicant.foundedOn"] = new(Kind.Date),
        ["applicant.region"] = new(Kind.Code, Regions.All),
        ["applicant.commune"] = new(Kind.Text),
        ["applicant.rural"] = new(Kind.Boolean),
        ["applicant.email"] = new(Kind.Text),
        ["applicant.phone"] = new(Kind.Text),
        ["applicant.representative.name"] = new(Kind.Text),
        ["applicant.representative.gender"] = new(Kind.Text),
        ["applicant.representative.role"] = new(Kind.Text),
        ["project.title"] = new(Kind.Text),
        ["project.sector"] = new(Kind.Code, Sectors.All),
        ["project.summary"] = new(Kind.Text),
        ["project.requestedAmount"] = new(Kind.Amount),
        ["project.totalBudget"] = new(Kind.Amount),
        ["project.womenLed"] = new(Kind.Boolean),
        ["project.youthLed"] = new(Kind.Boolean),
        ["project.jobsCreated"] = new(Kind.Count),
        ["project.jobsMaintained"] = new(Kind.Count),
    };

    /// <summary>What is wrong with a mapping as written, if anything; an invalid file maps nothing.</summary>
    public static List<string> Check(FormMapping mapping)
    {
        var problems = new List<string>();
        if (mapping.Edition is null || !Editions.EditionRules.IsId(mapping.Edition))
        {
            problems.Add("edition: an edition id (lowercase letters, digits, dashes).");
        }

        if (mapping.Provider is null || !FormProviders.Mapped.ContainsKey(mapping.Provider))
        {
            problems.Add("provider: one of " + string.Join(", ", FormProviders.Mapped.Keys.Order(StringComparer.Ordinal)) + ".");
        }

        if (mapping.Forms is null || mapping.Forms.Count == 0 || mapping.Forms.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("forms: the provider's id of at least one form.");
        }

        if (mapping.Fields is null || mapping.Documents is null)
        {
            problems.Add("fields and documents: objects (either may be empty).");
            return problems;
        }

        foreach (var (field, rule) in mapping.Fields)
        {
            if (!All.ContainsKey(field))
            {
                problems.Add($"fields.{field}: not an application field; use one of " + string.Join(", ", All.Keys) + ".");
            }
            else if (rule is null || (string.IsNullOrWhiteSpace(rule.Question) && rule.Value is null))
            {
                problems.Add($"fields.{field}: give a question or a value.");
            }
        }

        foreach (var (type, question) in mapping.Documents)
        {
            if (!DocumentTypes.All.ContainsKey(type))
            {
                problems.Add($"documents.{type}: not a document type; use one of " + string.Join(", ", DocumentTypes.All.Keys) + ".");
            }
            else if (string.IsNullOrWhiteSpace(question))
            {
                problems.Add($"documents.{type}: name the upload question.");
            }
        }

        return problems;
    }
}
