using System.Diagnostics;
using Google.OrTools.Sat;

namespace Mouazara.Selection;

/// <summary>
/// The score phase split on the number of projects selected, an exact method. The share targets are rows on integer
/// counts (women-led ≥ 64 % of N, rural ≥ 47 % of N) and the linear relaxation lets N be fractional: at 1,000
/// candidates it sits about 100 points above the best portfolio, and CP-SAT's cuts bring that to 5 points but its
/// search does not close them. With N fixed, the same relaxation is tight: each count is proven in a fraction of a
/// unit. So: a first portfolio from the whole model; then its count on its own (in two parts on the women-led count,
/// below); then every count above it, and every
/// count below, as one range each, under a cutoff (score ≥ best + g, g the gcd of the scores: nothing between
/// counts as better). A range proven to hold nothing above the cutoff is closed; one that is not closed gives up its
/// count nearest the first to be solved on its own. The phase is optimal when every count is closed, and the best
/// portfolio found is then the optimum (the ranges cover every count, each closed by a proof).
/// </summary>
sealed partial class SelectionModel
{
    (SelectionSolverPhase Phase, int[] FunderOf, long Bound) SplitOnCount(int[] start, double budget)
    {
        var clock = Stopwatch.StartNew();
        var chosen = Enumerable.Range(0, p.Count).Where(i => selected[i] is not null).ToArray();
        long g = 0;
        foreach (var i in chosen)
        {
            g = Gcd(g, p.Score[i]);
        }

        g = Math.Max(1, g);
        var variables = model.Model.Variables;
        var countIndex = totalVar!.GetIndex();
        var countDomain = variables[countIndex].Domain.ToArray();
        var cutoff = model.Model.Constraints[model.AddLinearConstraint(score, 0, long.MaxValue).Index].Linear;

        var incumbent = start;
        var value = ScoreOf(start);
        var (det, branches, conflicts, solves, low, high) = (0.0, 0L, 0L, 0, int.MaxValue, int.MinValue);

        // The women-led count W, to split the first count further (see below); its domain as built.
        var womenIndex = womenVar?.GetIndex() ?? -1;
        var womenDomain = womenIndex >= 0 ? variables[womenIndex].Domain.ToArray() : [];
        var (wMin, wMax) = womenIndex >= 0 ? (womenDomain[0], womenDomain[^1]) : (0L, 0L);

        // Searches the portfolios with lo ≤ N ≤ hi (and wLo ≤ W ≤ wHi) that score more than the best found; true when proven.
        (bool Closed, long Bound) Search(long lo, long hi, long wLo, long wHi, double seconds, bool improve = true)
        {
            variables[countIndex].Domain.Clear();
            variables[countIndex].Domain.Add([lo, hi]);
            if (womenIndex >= 0)
            {
                variables[womenIndex].Domain.Clear();
                variables[womenIndex].Domain.Add([wLo, wHi]);
            }

            cutoff.Domain.Clear();
            cutoff.Domain.Add([improve ? value + g : value, long.MaxValue]);
            model.ClearHints();
            Hint(incumbent);
            var (status, funderOf, solver) = Run(seconds);
            variables[countIndex].Domain.Clear();
            variables[countIndex].Domain.Add(countDomain);
            if (womenIndex >= 0)
            {
                variables[womenIndex].Domain.Clear();
                variables[womenIndex].Domain.Add(womenDomain);
            }

            solves++;
            det += solver.Response?.DeterministicTime ?? 0;
            branches += solver.Response?.NumBranches ?? 0;
            conflicts += solver.Response?.NumConflicts ?? 0;
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible && ScoreOf(funderOf) > value)
            {
                incumbent = funderOf;
                value = ScoreOf(funderOf);
            }

            var closed = status is CpSolverStatus.Optimal or CpSolverStatus.Infeasible;
            var bound = status == CpSolverStatus.Feasible ? Math.Min(maxScore, (long)Math.Floor(solver.BestObjectiveBound + 1e-6)) : maxScore;
            return (closed, bound);
        }

        // A first portfolio, from the whole model and the start (which it may keep), and its count as the centre.
        var (min, max) = (countDomain[0], countDomain[^1]);
        var first = (Closed: false, Bound: maxScore);
        var start0 = value;
        for (var share = 10.0; !options.SplitFromStart && share >= 2.5 && value == start0 && !first.Closed; share /= 2)
        {
            // Large editions need a few units before their first portfolio better than the start: double until one.
            first = Search(min, max, wMin, wMax, Math.Min(budget - det, Math.Max(0.1, budget / share)), improve: false);
        }

        var open = new List<(long Lo, long Hi, long WLo, long WHi, long Bound)>();
        if (!first.Closed)
        {
            long centre = incumbent.Count(f => f >= 0);
            var unknown = first.Bound;

            // The first count is split once more, on the women-led count: at most the share's minimum for that
            // count (where the best portfolios sit, the share being binding), then above it. The first part is
            // tight and quick (5,000 candidates: 1.9 units against 6.6 for the count whole); the second is
            // closed by the cutoff. Together they cover the count; the other counts are searched whole.
            var least = (centre * p.WomenBp + PreparedSelection.BasisPoints - 1) / PreparedSelection.BasisPoints;
            if (womenIndex >= 0 && wMin <= least && least < wMax)
            {
                open.Add((centre, centre, wMin, least, unknown));
                open.Add((centre, centre, least + 1, wMax, unknown));
            }
            else
            {
                open.Add((centre, centre, wMin, wMax, unknown));
            }

            if (min < centre)
            {
                open.Add((min, centre - 1, wMin, wMax, unknown));
            }

            if (centre < max)
            {
                open.Add((centre + 1, max, wMin, wMax, unknown));
            }

            while (open.Count > 0)
            {
                var left = budget - det;
                if (left < 0.02)
                {
                    break;
                }

                // Single counts first (each is quick to prove), then the ranges beyond them.
                var k = open.FindIndex(r => r.Lo == r.Hi);
                k = k < 0 ? 0 : k;
                var (lo, hi, wLo, wHi, _) = open[k];
                open.RemoveAt(k);
                var single = lo == hi;
                if (single)
                {
                    low = (int)Math.Min(low, lo);
                    high = (int)Math.Max(high, lo);
                }

                var (closed, bound) = Search(lo, hi, wLo, wHi, single ? left : Math.Min(left, Math.Max(0.05, budget / 20)));

                // A solve stopped before its first bound (a range stopped in presolve, say) knows nothing new, but
                // the whole model's bound still holds for every count.
                bound = Math.Min(bound, unknown);
                if (closed)
                {
                    continue;
                }

                if (single)
                {
                    open.Insert(0, (lo, hi, wLo, wHi, bound));
                    continue;
                }

                // Not proven as a range: its count next to the ones done goes on its own.
                if (hi < centre)
                {
                    open.Add((hi, hi, wMin, wMax, bound));
                    open.Add((lo, hi - 1, wMin, wMax, bound));
                }
                else
                {
                    open.Add((lo, lo, wMin, wMax, bound));
                    open.Add((lo + 1, hi, wMin, wMax, bound));
                }
            }
        }

        var proven = open.Count == 0;
        var best = proven ? value : Math.Max(value, open.Max(r => r.Bound));
        var phase = new SelectionSolverPhase("score", proven ? SelectionStatus.Optimal : SelectionStatus.Feasible, value, best,
            Math.Round(clock.Elapsed.TotalSeconds, 3), Math.Round(det, 3), branches, conflicts, solves,
            low == int.MaxValue ? 0 : low, high == int.MinValue ? 0 : high);
        return (phase, incumbent, best);
    }

    long ScoreOf(int[] funderOf)
    {
        long total = 0;
        for (var i = 0; i < funderOf.Length; i++)
        {
            total += funderOf[i] >= 0 ? p.Score[i] : 0;
        }

        return total;
    }

    static long Gcd(long a, long b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
