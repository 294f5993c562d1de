




using Mouazara.Applications;

namespace Mouazara.Intake;

/// <summary>An application as the programme understands it, whichever form provider it came through.</summary>
public sealed record Submission(
    string SubmissionId,
    string Edition,
    string Language,
    Applicant Applicant,
    Project Project,
    IReadOnlyList<SubmittedDocument> Documents);

/// <summary>A file that came with the submission: inline (already spooled) or to be fetched from a URL.</summary>
public sealed record SubmittedDocument(string Type, string FileName, string? ContentType, int? InlineIndex, Uri? Url);
