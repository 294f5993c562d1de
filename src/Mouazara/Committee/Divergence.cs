namespace Mouazara.Committee;

/// <summary>
/// When reviewers disagree: the spread of their total scores (highest minus lowest) against the edition's threshold,
/// and the votes that count once the consensus round is over (a revision replaces its reviewer's first vote).
/// </summary>
public static class Divergence
{
    public static int Spread(IEnumerable<int> totals)
    {
        var list = totals.ToList();
        return list.Count == 0 ? 0 : list.Max() - list.Min();
    }

    /// <summary>True when the spread is strictly above the threshold; no threshold means no consensus round.</summary>
    public static bool Exceeds(IEnumerable<int> totals, int? threshold) => threshold is { } t && Spread(totals) > t;

    /// <summary>The first-round votes, each replaced by its reviewer's revision where there is one.</summary>
    public static IReadOnlyList<VoteView> AfterRevision(IReadOnlyList<VoteView> firstRound, IReadOnlyList<VoteView> revisions)
    {
        var revised = revisions.ToDictionary(r => r.MemberId, StringComparer.Ordinal);
        return [.. firstRound.Select(v => revised.TryGetValue(v.MemberId, out var r) ? r : v)];
    }
}

/// <summary>What the consensus round changed, kept with the evaluation.</summary>
public sealed record ConsensusSummary(int Threshold, int SpreadBefore, int SpreadAfter, int Revised, int Kept, int Unanswered,
    DateTimeOffset Deadline, bool StillDiverges);
