namespace Mouazara.Committee;

/// <summary>
/// Turns votes into a recommendation: with the quorum reached, approve when the average score meets the
/// edition's threshold and approvals outnumber rejections; without it, the case goes to staff.
/// </summary>
public static class Tally
{
    public static Evaluation Count(IReadOnlyList<VoteView> votes, int members, int quorum, decimal threshold)
    {
        var approvals = votes.Count(v => v.Recommendation == Recommendations.Approve);
        var rejections = votes.Count - approvals;
        decimal? average = votes.Count == 0 ? null : Math.Round(votes.Average(v => (decimal)v.Score), 2, MidpointRounding.AwayFromZero);
        var quorumReached = votes.Count >= quorum;
        var recommendation = !quorumReached ? Recommendations.Inconclusive
            : average >= threshold && approvals > rejections ? Recommendations.Approve
            : Recommendations.Reject;
        return new Evaluation(members, quorum, votes.Count, quorumReached, average, approvals, rejections, recommendation, votes);
    }
}

public sealed record VoteView(string MemberId, int Score, string Recommendation, DateTimeOffset CastAt);

/// <summary>The committee's result as the read model shows it.</summary>
public sealed record Evaluation(
    int Members,
    int Quorum,
    int VotesCast,
    bool QuorumReached,
    decimal? AverageScore,
    int Approvals,
    int Rejections,
    string Recommendation,
    IReadOnlyList<VoteView> Votes,
    string DecidedBy = "committee",
    ConsensusSummary? Consensus = null);
