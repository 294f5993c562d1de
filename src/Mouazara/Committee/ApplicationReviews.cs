namespace Mouazara.Committee;

/// <summary>What staff read of one application's evaluation: every review task with its ballot, and the summary.</summary>
public sealed record ApplicationReviews(string ApplicationId, string Edition, string Status, EvaluationSummary? Evaluation, IReadOnlyList<ReviewView> Reviews,
    IReadOnlyList<RevisionView>? Revisions = null);

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
