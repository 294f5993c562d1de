namespace Mouazara.Committee;

/// <summary>
/// One reviewer's second round as staff read it (round 2; the first round stays in the reviews beside it): open,
/// revised (with the new ballot), kept, or closed unanswered at the deadline.
/// </summary>
public sealed record RevisionView(
    ReviewerView Member,
    int Round,
    string State,
    DateTimeOffset SentAt,
    DateTimeOffset Deadline,
    DateTimeOffset? AnsweredAt,
    IReadOnlyDictionary<string, int>? Scores,
    IReadOnlyDictionary<string, string>? Comments,
    string? Comment,
    string? Recommendation,
    int? Total);
