using System.Globalization;

namespace Mouazara.Selection;

/// <summary>
/// Why each left-out candidate is out of the portfolio found, stated only as far as it can be checked cheaply and
/// exactly against that portfolio:
/// <list type="number">
/// <item>below the minimum score, no funder accepting it, pinned out by staff: facts of the input;</item>
/// <item>it fits in the room left with one of its funders: adding it alone would put named targets further out of
/// reach (each such target is computed, not guessed) — <c>target-priority</c> or <c>sector-cap</c>;</item>
/// <item>otherwise <c>envelope-exhausted</c>, naming every funder that could pay it with its remaining money and the
/// amount requested; then, for the selected projects with a lower score paid by one of its funders: those pinned
/// in or already awarded (<c>pinned-in</c>, <c>fixed-award</c>); those it could replace one for one within the
/// money left, named with the targets the exchange would miss (<c>target-priority</c>, <c>sector-cap</c>); and when
/// it could not fit in place of any single one, <c>combined-score</c> if the linear-programming bound proves that
/// whatever combination of projects makes room for it scores at least as much as it does (exact: every integer way
/// of making room scores at least the bound).</item>
/// </list>
/// When none of these applies, the reason is <c>no-better-portfolio</c> if the solver proved optimality (no
/// portfolio with it is better, by the lexicographic objective), and <c>solver-limit</c> otherwise.
/// </summary>
sealed class SelectionExplainer
{
    const int ListAtMost = 3;
    readonly PreparedSelection p;
    readonly int[] funderOf;
    readonly bool optimal;
    readonly long[] room;
    readonly PortfolioCounts counts;
    readonly Dictionary<int, int[]?> movableByFunder = [];

    public SelectionExplainer(PreparedSelection prepared, int[] funderOf, bool optimal)
    {
        p = prepared;
        this.funderOf = funderOf;
        this.optimal = optimal;
        room = p.Funders.Select(f => f.EnvelopeCentimes).ToArray();
        for (var i = 0; i < p.Count; i++)
        {
            if (funderOf[i] >= 0)
            {
                room[funderOf[i]] -= p.Amount[i];
            }
        }

        counts = PortfolioCounts.Of(p, funderOf);
    }

    public IReadOnlyList<SelectionReason> Reasons(int i)
    {
        var reasons = new List<SelectionReason>();
        var c = p.Candidates[i];
        if (p.Score[i] < p.ScoreMin)
        {
            reasons.Add(new(SelectionReasonCodes.ScoreBelowMinimum, $"Its score, {Pts(p.Score[i])}, is below the edition's minimum of {Pts(p.ScoreMin)}."));
        }

        if (p.Eligible[i].Length == 0)
        {
            reasons.Add(new(SelectionReasonCodes.NoFunder, $"No funder of this edition pays a {c.ApplicantType} in {c.Region}."));
        }

        if (p.PinnedOutReason[i] is { } why)
        {
            reasons.Add(new(SelectionReasonCodes.PinnedOut, $"Pinned out by staff: {why}"));
        }

        if (reasons.Count > 0)
        {
            return reasons;
        }

        if (p.Eligible[i].Any(f => room[f] >= p.Amount[i]))
        {
            WhyNotAdded(i, reasons);
            return reasons;
        }

        reasons.Add(new(SelectionReasonCodes.EnvelopeExhausted, string.Join(" ", p.Eligible[i].Select(f =>
            $"{p.Funders[f].Id} has {PreparedSelection.Mad(room[f])} left of its envelope; it requests {PreparedSelection.Mad(p.Amount[i])}."))));
        var lower = Enumerable.Range(0, p.Count)
            .Where(j => funderOf[j] >= 0 && p.Score[j] < p.Score[i] && p.Eligible[i].Contains(funderOf[j]))
            .ToArray();
        if (lower.Length == 0)
        {
            return reasons;
        }

        var pinned = lower.Where(j => p.FixedFunder[j] < 0 && p.PinnedIn[j]).ToArray();
        if (pinned.Length > 0)
        {
            reasons.Add(new(SelectionReasonCodes.PinnedIn, $"Lower-scored {Ids(pinned)} {Are(pinned)} pinned in by staff."));
        }

        var awarded = lower.Where(j => p.FixedFunder[j] >= 0).ToArray();
        if (awarded.Length > 0)
        {
            reasons.Add(new(SelectionReasonCodes.FixedAward, $"Lower-scored {Ids(awarded)} {Are(awarded)} already awarded."));
        }

        var blockers = new SortedDictionary<(int Kind, int Index), List<int>>();
        var tooDear = false;
        var unexplained = false;
        foreach (var j in lower.Where(j => !p.Locked(j)))
        {
            if (p.Amount[i] > room[funderOf[j]] + p.Amount[j])
            {
                tooDear = true;
                continue;
            }

            var worse = SwapMisses(i, j);
            if (worse.Count == 0)
            {
                unexplained = true;
            }

            foreach (var target in worse)
            {
                if (!blockers.TryGetValue(target, out var list))
                {
                    blockers[target] = list = [];
                }

                list.Add(j);
            }
        }

        foreach (var (target, js) in blockers)
        {
            reasons.Add(SwapReason(target, js));
        }

        if (tooDear)
        {
            if (CombinedScore(i) is { } combined)
            {
                reasons.Add(combined);
            }
            else
            {
                unexplained = true;
            }
        }

        if (unexplained)
        {
            reasons.Add(Fallback());
        }

        return reasons;
    }

    void WhyNotAdded(int i, List<SelectionReason> reasons)
    {
        var before = Misses();
        counts.Add(i);
        var after = Misses();
        var selected = counts.Selected;
        var women = counts.Women;
        var rural = counts.Rural;
        var sector = counts.Sector[p.SectorOf[i]];
        counts.Remove(i);
        foreach (var (target, value) in after.Where(kv => kv.Value > before[kv.Key]))
        {
            reasons.Add(target.Kind switch
            {
                0 => new(SelectionReasonCodes.TargetPriority, $"Adding it (not women-led) would bring the women-led share below the {Pct(p.WomenBp)} target: {women} of {selected}."),
                1 => new(SelectionReasonCodes.TargetPriority, $"Adding it (not rural) would bring the rural share below the {Pct(p.RuralBp)} target: {rural} of {selected}."),
                _ => new(SelectionReasonCodes.SectorCap, $"Adding it would put sector {p.Sectors[target.Index]} over the {Pct(p.CapBp)} cap: {sector} of {selected} selected projects."),
            });
        }

        if (reasons.Count == 0)
        {
            reasons.Add(Fallback());
        }
    }

    /// <summary>
    /// The targets that taking i in place of j would miss by more. The number selected does not change, so only the
    /// shares, j's region and i's sector can get worse.
    /// </summary>
    List<(int Kind, int Index)> SwapMisses(int i, int j)
    {
        var worse = new List<(int Kind, int Index)>();
        var (ci, cj) = (p.Candidates[i], p.Candidates[j]);
        var n = counts.Selected;
        if (PortfolioCounts.ShareShortfall(counts.Women - (cj.WomenLed ? 1 : 0) + (ci.WomenLed ? 1 : 0), n, p.WomenBp) > counts.WomenShortfall)
        {
            worse.Add((0, 0));
        }

        if (PortfolioCounts.ShareShortfall(counts.Rural - (cj.Rural ? 1 : 0) + (ci.Rural ? 1 : 0), n, p.RuralBp) > counts.RuralShortfall)
        {
            worse.Add((1, 0));
        }

        var rj = p.RegionOf[j];
        if (rj >= 0 && rj != p.RegionOf[i] && counts.Region[rj] <= p.PerRegionMin)
        {
            worse.Add((2, rj));
        }

        var si = p.SectorOf[i];
        if (si != p.SectorOf[j] && counts.Sector[si] >= PortfolioCounts.SectorAllowed(n, p.CapBp))
        {
            worse.Add((3, si));
        }

        return worse;
    }

    SelectionReason SwapReason((int Kind, int Index) target, List<int> js) => target.Kind switch
    {
        0 => new(SelectionReasonCodes.TargetPriority, $"Lower-scored {Ids(js)} {Are(js)} needed for the women-led target ({Pct(p.WomenBp)}): taking it instead would miss it by more."),
        1 => new(SelectionReasonCodes.TargetPriority, $"Lower-scored {Ids(js)} {Are(js)} needed for the rural target ({Pct(p.RuralBp)}): taking it instead would miss it by more."),
        2 => new(SelectionReasonCodes.TargetPriority, $"Lower-scored {Ids(js)} {Are(js)} needed for region {p.Regions[target.Index]} to have at least {p.PerRegionMin} selected project{(p.PerRegionMin == 1 ? "" : "s")}."),
        _ => new(SelectionReasonCodes.SectorCap, $"Taking it instead of lower-scored {Ids(js)} would put sector {p.Sectors[target.Index]} over the {Pct(p.CapBp)} cap."),
    };

    /// <summary>
    /// Proves, when it can, that making room for i with each of its funders means dropping selected projects that
    /// score at least as much as i together: the fractional (LP) lower bound of the cheapest way to free the money,
    /// taking the lowest points per dirham first, is a lower bound of every real way. Returns null when it cannot
    /// prove it (or when projects could move to another funder with room instead of being dropped).
    /// </summary>
    SelectionReason? CombinedScore(int i)
    {
        var parts = new List<string>();
        decimal lowest = decimal.MaxValue;
        foreach (var f in p.Eligible[i])
        {
            var need = p.Amount[i] - room[f];
            var movable = Movable(f);
            if (movable is null)
            {
                return null;
            }

            var bound = 0m;
            var freed = 0L;
            foreach (var j in movable)
            {
                if (freed >= need)
                {
                    break;
                }

                var take = Math.Min(p.Amount[j], need - freed);
                bound += take == p.Amount[j] ? p.Score[j] : (decimal)p.Score[j] * take / p.Amount[j];
                freed += take;
            }

            if (freed < need)
            {
                continue; // only pinned or awarded projects could make room: stated above
            }

            if (bound < p.Score[i])
            {
                return null;
            }

            lowest = Math.Min(lowest, bound);
            parts.Add($"{PreparedSelection.Mad(need)} more than {p.Funders[f].Id} has left");
        }

        if (parts.Count == 0)
        {
            return null;
        }

        return new(SelectionReasonCodes.CombinedScore,
            $"Its amount would have displaced projects with a higher combined score: funding it needs {string.Join(", or ", parts)}, and the selected projects that would have to make room score at least {(lowest / 100m).ToString("0.00", CultureInfo.InvariantCulture)} points together, against its {Pts(p.Score[i])}.");
    }

    /// <summary>
    /// The projects selected with funder f that could give way (not pinned, not awarded), lowest points per dirham
    /// first; null when one of them could instead move to another funder with room (then dropping is not the only way).
    /// </summary>
    int[]? Movable(int f)
    {
        if (!movableByFunder.TryGetValue(f, out var movable))
        {
            var js = Enumerable.Range(0, p.Count).Where(j => funderOf[j] == f && !p.Locked(j)).ToArray();
            movable = js.Any(j => p.Eligible[j].Any(g => g != f && room[g] >= p.Amount[j]))
                ? null
                : js.OrderBy(j => p.Amount[j] == 0 ? decimal.MaxValue : (decimal)p.Score[j] / p.Amount[j]).ThenBy(j => j).ToArray();
            movableByFunder[f] = movable;
        }

        return movable;
    }

    SelectionReason Fallback() => optimal
        ? new(SelectionReasonCodes.NoBetterPortfolio, "No portfolio that includes it scores higher without missing more targets: the solver proved this portfolio optimal.")
        : new(SelectionReasonCodes.SolverLimit, "The solver reached its time limit before proving this portfolio optimal; a better one that includes it was not ruled out.");

    /// <summary>Each target's shortfall: (0) women-led, (1) rural, (2, r) region r, (3, s) sector s.</summary>
    Dictionary<(int Kind, int Index), int> Misses()
    {
        var misses = new Dictionary<(int, int), int> { [(0, 0)] = counts.WomenShortfall, [(1, 0)] = counts.RuralShortfall };
        for (var r = 0; r < p.Regions.Length; r++)
        {
            misses[(2, r)] = counts.RegionShortfall(r);
        }

        for (var s = 0; s < p.Sectors.Length; s++)
        {
            misses[(3, s)] = counts.SectorExcess(s);
        }

        return misses;
    }

    string Ids(IReadOnlyList<int> js) => js.Count <= ListAtMost
        ? string.Join(", ", js.Select(j => p.Candidates[j].ApplicationId))
        : string.Join(", ", js.Take(ListAtMost).Select(j => p.Candidates[j].ApplicationId)) + $" and {js.Count - ListAtMost} more";

    static string Are(IReadOnlyList<int> js) => js.Count == 1 ? "was" : "were";

    static string Pts(long hundredths) => (hundredths / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    static string Pct(int bp) => (bp / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
