using System.Text.Json;
using System.Text.Json.Serialization;

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
