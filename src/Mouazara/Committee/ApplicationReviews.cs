namespace Mouazara.Committee;

/// <summary>What staff read of one application's evaluation: every review task with its ballot, and the summary.</summary>
public sealed record ApplicationReviews(string ApplicationId, string Edition, string Status, EvaluationSummary? Evaluation, IReadOnlyList<ReviewView> Reviews,
    IReadOnlyList<RevisionView>? Revisions = null)
{
    /// <summary>The assigned panel's seats, past and present, with why each reviewer sits; null when the whole committee reviews.</summary>
    public IReadOnlyList<SeatView>? Panel { get; init; }
}

/// <summary>
/// One seat of an assigned panel: the reviewer, why they were chosen, when they declared no conflict of interest, and
/// for a seat that ended early (recused, reassigned, removed) when, by whom and why; <c>replaces</c> names whose seat it took.
/// </summary>
public sealed record SeatView(string MemberId, string? Name, string? Category, string State, string Reason, DateTimeOffset AssignedAt, string? Replaces,
    DateTimeOffset? ConflictDeclaredAt, DateTimeOffset? EndedAt, string? EndNote, string? EndedBy);

/// <summary>One member's review: the task (open, voted or closed) and, once voted, the scores and comments per criterion.</summary>
public sealed record ReviewView(
    ReviewerView Member,
    string State,
    DateTimeOffset SentAt,
    DateTimeOffset? VotedAt,
    IReadOnlyDictionary<string, int>? Scores,
    IReadOnlyDictionary<string, string>? Comments,
    string? Comment,
    string? Recommendation,
    int? Total,
    int Round = 1);

/// <summary>The reviewer; name and organisation are null for a member no longer on the committee.</summary>
public sealed record ReviewerView(string Id, string? Name, string? Organisation);

/// <summary>
/// The committee's result as recorded, or while the committee still votes, the count so far (recommendation
/// <c>pending</c>); the threshold is the edition's score threshold out of 100.
/// </summary>
public sealed record EvaluationSummary(decimal? AverageScore, int VotesCast, int Open, int Members, int Quorum, bool QuorumReached, decimal Threshold,
    string Recommendation, string? DecidedBy, ConsensusSummary? Consensus = null);
