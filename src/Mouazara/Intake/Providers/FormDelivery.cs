namespace Mouazara.Intake.Providers;

/// <summary>A provider's delivery read into answers, before any mapping.</summary>
public sealed record FormDelivery(string SubmissionId, string? FormId, IReadOnlyList<FormAnswer> Answers)
{
    /// <summary>The answer a mapping's question names: by exact name first, then ignoring case and accents.</summary>
    public FormAnswer? Find(string question)
    {
        foreach (var answer in Answers)
        {
            if (answer.Names.Contains(question, StringComparer.Ordinal))
            {
                return answer;
            }
        }

        var wanted = Labels.Normalize(question);
        foreach (var answer in Answers)
        {
            if (answer.Names.Any(n => Labels.Normalize(n) == wanted))
            {
                return answer;
            }
        }

        return null;
    }
}

/// <summary>A file a form answer links to, to be fetched later by an activity.</summary>
public sealed record FormFile(string FileName, string? ContentType, string Url);

/// <summary>
/// One answer of a form submission, whatever the provider: the names it can be referred to by in a mapping
/// (Kobo's question path, Typeform's ref and id, Tally's key and label...) and its value in the shapes a
/// mapping may want it.
/// </summary>
public sealed record FormAnswer(IReadOnlyList<string> Names, string? Text, decimal? Number, bool? Boolean, IReadOnlyList<string> Choices, IReadOnlyList<FormFile> Files)
{
    public string Name => Names[0];

    public static FormAnswer OfText(IReadOnlyList<string> names, string text) => new(names, text, null, null, [text], []);
}

/// <summary>What reading a delivery gave: answers, or why there are none (kept with the raw delivery for staff).</summary>
public sealed record FormParse(FormDelivery? Delivery, string? Problem, bool Ignored = false)
{
    public static FormParse Failed(string problem) => new(null, problem);

    public static FormParse Skip(string why) => new(null, why, Ignored: true);
}
