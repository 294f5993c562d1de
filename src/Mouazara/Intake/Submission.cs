namespace Mouazara.Intake;

/// <summary>An application as the programme understands it, whichever form provider it came through.</summary>
public sealed record Submission(
    string SubmissionId,
    string Edition,
    string Language,
    Applicant Applicant,
    Project Project,
    IReadOnlyList<SubmittedDocument> Documents);

public sealed record Applicant(
    string Type,
    string Name,
    string RegistrationNumber,
    DateOnly? FoundedOn,
    string Region,
    string Commune,
    bool Rural,
    string Email,
    string Phone,
    Representative Representative);

public sealed record Representative(string Name, string Gender, string Role);

public sealed record Project(
    string Title,
    string Sector,
    string Summary,
    decimal RequestedAmount,
    decimal TotalBudget,
    bool WomenLed,
    bool YouthLed,
    int JobsCreated,
    int JobsMaintained);

/// <summary>A file that came with the submission: inline (already spooled) or to be fetched from a URL.</summary>
public sealed record SubmittedDocument(string Type, string FileName, string? ContentType, int? InlineIndex, Uri? Url);
