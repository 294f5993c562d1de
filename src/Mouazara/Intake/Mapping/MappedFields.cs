using Mouazara.Intake.Providers;
using Mouazara.Kernel;

namespace Mouazara.Intake.Mapping;

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
        ["applicant.bankAccount"] = new(Kind.Text),
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
