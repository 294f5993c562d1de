using Mouazara.Selection;

namespace Mouazara.Tests.Selection;

/// <summary>
/// The solver against an exhaustive search written here from the rules, sharing no code with the model: every
/// funder assignment of every subset of small random editions (up to 10 candidates, 1 to 3 funders), with
/// unreachable targets, tied scores, envelopes met to the centime, pins and confirmed awards.
/// </summary>
public sealed class SelectionSolverExhaustiveTests
{
    static readonly string[] Types = ["association", "network", "cooperative"];
    static readonly string[] AllRegions = ["MA-01", "MA-02", "MA-03", "MA-04"];
    static readonly string[] SectorNames = ["agriculture", "crafts", "education", "health"];
    static readonly decimal[] Scores = [55m, 60m, 64.5m, 70m, 70m, 72.25m, 80m, 80m, 91.4m];

    [Fact]
    public void Two_phase_solving_reaches_the_exhaustive_lexicographic_optimum_on_random_small_editions()
    {
        var compared = Compare(Enumerable.Range(1, 400), SelectionSolverOptions.Default);

        // The generator produces every kind of case the comparison is meant to cover.
        Assert.True(compared.Infeasible > 5, $"only {compared.Infeasible} infeasible editions");
        Assert.True(compared.WithShortfall > 20, $"only {compared.WithShortfall} editions with unreachable targets");
        Assert.True(compared.EnvelopeExact > 20, $"only {compared.EnvelopeExact} editions with an envelope met exactly");
        Assert.True(compared.WithPinsOrAwards > 50, $"only {compared.WithPinsOrAwards} editions with pins or awards");
    }

    [Fact]
    public void Weighted_solving_reaches_the_same_optimum()
    {
        Compare(Enumerable.Range(1000, 150), new SelectionSolverOptions(Objective: SelectionObjective.Weighted));
    }

    [Fact]
    public void Two_interleaved_workers_reach_the_same_optimum()
    {
        Compare(Enumerable.Range(2000, 60), new SelectionSolverOptions(Workers: 2));
    }

    [Fact]
    public void Splitting_the_score_phase_on_every_count_from_the_first_portfolio_reaches_the_same_optimum()
    {
        // No first search of the whole model: every count is proven on its own or in a range, from phase 1's.
        Compare(Enumerable.Range(3000, 300), new SelectionSolverOptions(SplitFromStart: true));
    }

    [Fact]
    public void Splitting_on_the_count_proves_the_same_optimum_as_one_search_on_medium_editions()
    {
        var split = 0;
        foreach (var seed in Enumerable.Range(1, 10))
        {
            // Medium editions with the shares binding, the case the split is for.
            var request = SelectionSolverTests.SelectionBenchEditions(seed, 50 + (5 * seed)) with
            {
                Targets = new SelectionTargets(0.64m, 0.47m, 1, 0.3m, 60),
            };
            var bySplit = SelectionSolver.Solve(request, new SelectionSolverOptions(SplitFromStart: true));
            var whole = SelectionSolver.Solve(request, new SelectionSolverOptions(SplitOnCount: false));

            Assert.Equal(SelectionStatus.Optimal, bySplit.Solver.Status);
            Assert.Equal(SelectionStatus.Optimal, whole.Solver.Status);
            Assert.Equal((whole.Solver.Shortfall, whole.Solver.Score), (bySplit.Solver.Shortfall, bySplit.Solver.Score));
            Assert.Equal(bySplit.Solver.Score, bySplit.Solver.ScoreBound);
            split += bySplit.Solver.Phases.Any(ph => ph.Name == "score" && ph.Solves > 2) ? 1 : 0;
        }

        Assert.True(split > 5, $"only {split} editions split into ranges");
    }

    [Fact]
    public void Leaving_out_the_rows_of_safe_regions_and_sectors_until_missed_changes_no_optimum()
    {
        var missedRows = 0;
        foreach (var seed in Enumerable.Range(1, 12))
        {
            // Medium editions where regions and sectors bind: two per region, 20 % per sector.
            var request = SelectionSolverTests.SelectionBenchEditions(seed, 45 + seed) with
            {
                Targets = new SelectionTargets(0.5m, 0.4m, 2, 0.2m, 60),
                Regions = ["MA-01", "MA-02", "MA-03", "MA-04", "MA-05", "MA-06"],
            };
            var lazy = SelectionSolver.Solve(request);
            var eager = SelectionSolver.Solve(request, new SelectionSolverOptions(Lazy: false));

            Assert.Equal(SelectionStatus.Optimal, lazy.Solver.Status);
            Assert.Equal(SelectionStatus.Optimal, eager.Solver.Status);
            Assert.Equal((eager.Solver.Shortfall, eager.Solver.Score), (lazy.Solver.Shortfall, lazy.Solver.Score));
            missedRows += lazy.Solver.Phases.Count > 2 ? 1 : 0;
        }

        Assert.True(missedRows > 0, "no edition made the relaxation add a row");
    }

    static (int Infeasible, int WithShortfall, int EnvelopeExact, int WithPinsOrAwards) Compare(IEnumerable<int> seeds, SelectionSolverOptions options)
    {
        var (infeasible, withShortfall, exact, pinned) = (0, 0, 0, 0);
        foreach (var seed in seeds)
        {
            var request = RandomEdition(seed);
            var best = Exhaustive(request);
            var proposal = SelectionSolver.Solve(request, options);
            var context = $"seed {seed}";
            if (best is null)
            {
                Assert.True(proposal.Solver.Status == SelectionStatus.Infeasible, $"{context}: expected infeasible, got {proposal.Solver.Status}");
                Assert.NotEmpty(proposal.Problems);
                Assert.Empty(proposal.Selected);
                infeasible++;
                continue;
            }

            Assert.True(proposal.Solver.Status == SelectionStatus.Optimal, $"{context}: status {proposal.Solver.Status}");
            var assignment = request.Candidates.Select(c => proposal.Selected.FirstOrDefault(s => s.ApplicationId == c.ApplicationId)?.FunderId).ToArray();
            Assert.True(Allowed(request, assignment), $"{context}: the proposal breaks an envelope, an eligibility rule, a pin or an award");
            var (shortfall, score) = Evaluate(request, assignment);
            Assert.True(best.Value.Shortfall == shortfall && best.Value.Score == score,
                $"{context}: exhaustive optimum shortfall {best.Value.Shortfall} score {best.Value.Score}, solver {shortfall} / {score}");
            Assert.Equal(shortfall, proposal.Solver.Shortfall);
            Assert.Equal(score, (long)(proposal.Solver.Score * 100));
            Assert.Equal(shortfall, proposal.Targets.Sum(t => t.Shortfall));
            Assert.Equal(proposal.Solver.Shortfall, proposal.Solver.ShortfallBound);
            Assert.Equal(proposal.Solver.Score, proposal.Solver.ScoreBound);
            Assert.All(proposal.NotSelected, n => Assert.NotEmpty(n.Reasons));

            withShortfall += shortfall > 0 ? 1 : 0;
            exact += request.Funders.Any(f => f.EnvelopeCentimes > 0 && proposal.Funders.Single(u => u.Id == f.Id).RemainingCentimes == 0) ? 1 : 0;
            pinned += (request.Pins?.Count ?? 0) + (request.FixedAwards?.Count ?? 0) > 0 ? 1 : 0;
        }

        return (infeasible, withShortfall, exact, pinned);
    }

    internal static SelectionRequest RandomEdition(int seed)
    {
        var rng = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];
        var candidates = Enumerable.Range(0, rng.Next(1, 11)).Select(k => new SelectionCandidate(
            $"MZ-{seed:D4}-{k:D2}",
            Pick(Types),
            Pick(AllRegions),
            SectorNames[rng.Next(rng.Next(1, 5))],
            rng.Next(100) < 50,
            rng.Next(100) < 45,
            rng.Next(1, 6) * 10_000_00L,
            Pick(Scores))).ToList();
        var funders = Enumerable.Range(0, rng.Next(1, 4)).Select(f => new SelectionFunder(
            $"funder-{f}",
            rng.Next(0, 16) * 10_000_00L,
            Types.Where(_ => rng.Next(100) < 60).DefaultIfEmpty(Pick(Types)).ToList(),
            rng.Next(100) < 50 ? [] : AllRegions.Where(_ => rng.Next(100) < 50).ToList())).ToList();
        var targets = new SelectionTargets(
            Pick(new[] { 0m, 0.3m, 0.5m, 0.64m, 1m }),
            Pick(new[] { 0m, 0.47m, 0.8m }),
            Pick(new[] { 0, 1, 2 }),
            Pick(new[] { 0.3m, 0.5m, 1m }),
            Pick(new[] { 0m, 60m, 65m }));

        var pins = new List<SelectionPin>();
        var awards = new List<SelectionFixedAward>();
        if (rng.Next(100) < 30)
        {
            pins.Add(new(Pick(candidates).ApplicationId, SelectionPin.In, "staff choice"));
        }

        if (rng.Next(100) < 25)
        {
            var id = Pick(candidates).ApplicationId;
            if (pins.All(p => p.ApplicationId != id))
            {
                pins.Add(new(id, SelectionPin.Out, "conflict of interest"));
            }
        }

        if (rng.Next(100) < 25)
        {
            var c = Pick(candidates);
            var payers = funders.Where(f => Accepts(f, c)).ToList();
            if (payers.Count > 0 && pins.All(p => p.ApplicationId != c.ApplicationId || p.Pin == SelectionPin.In))
            {
                awards.Add(new(c.ApplicationId, Pick(payers).Id));
            }
        }

        return new SelectionRequest(candidates, funders, targets, AllRegions.Take(3).ToList(), pins, awards, TimeLimitSeconds: 10);
    }

    static bool Accepts(SelectionFunder f, SelectionCandidate c) => f.ApplicantTypes.Contains(c.ApplicantType) && (f.Regions.Count == 0 || f.Regions.Contains(c.Region));

    static long Hundredths(decimal score) => (long)Math.Round(score * 100, MidpointRounding.AwayFromZero);

    /// <summary>Whether an assignment (funder id per candidate, null = out) obeys every hard rule.</summary>
    internal static bool Allowed(SelectionRequest r, string?[] assignment)
    {
        for (var i = 0; i < r.Candidates.Count; i++)
        {
            var c = r.Candidates[i];
            var funder = assignment[i];
            var pin = r.Pins?.FirstOrDefault(p => p.ApplicationId == c.ApplicationId)?.Pin;
            var award = r.FixedAwards?.FirstOrDefault(a => a.ApplicationId == c.ApplicationId);
            if (funder is not null && (c.Score < r.Targets.ScoreMin || !Accepts(r.Funders.Single(f => f.Id == funder), c) || pin == SelectionPin.Out))
            {
                return false;
            }

            if ((pin == SelectionPin.In && funder is null) || (award is not null && award.FunderId != funder))
            {
                return false;
            }
        }

        return r.Funders.All(f => Enumerable.Range(0, r.Candidates.Count).Where(i => assignment[i] == f.Id).Sum(i => r.Candidates[i].AmountCentimes) <= f.EnvelopeCentimes);
    }

    /// <summary>Shortfall in projects and score in hundredths, counted the plain way.</summary>
    internal static (int Shortfall, long Score) Evaluate(SelectionRequest r, string?[] assignment)
    {
        var chosen = Enumerable.Range(0, r.Candidates.Count).Where(i => assignment[i] is not null).Select(i => r.Candidates[i]).ToList();
        var n = chosen.Count;
        var t = r.Targets;
        int MissingForShare(int have, decimal share)
        {
            var bp = (long)Math.Round(share * 10_000);
            var k = 0;
            while ((have + k) * 10_000L < bp * n)
            {
                k++;
            }

            return k;
        }

        var shortfall = MissingForShare(chosen.Count(c => c.WomenLed), t.WomenLedMin) + MissingForShare(chosen.Count(c => c.Rural), t.RuralMin);
        shortfall += r.Regions.Sum(region => Math.Max(0, t.PerRegionMin - chosen.Count(c => c.Region == region)));
        var capBp = (long)Math.Round(t.SectorMaxShare * 10_000);
        var allowed = 0;
        while ((allowed + 1) * 10_000L <= capBp * n)
        {
            allowed++;
        }

        allowed = Math.Max(1, allowed);
        shortfall += r.Candidates.Select(c => c.Sector).Distinct().Sum(sector => Math.Max(0, chosen.Count(c => c.Sector == sector) - allowed));
        return (shortfall, chosen.Sum(c => Hundredths(c.Score)));
    }

    /// <summary>Every assignment of every candidate to nothing or to a funder that may pay it; the lexicographic best, or null if none is allowed.</summary>
    internal static (int Shortfall, long Score)? Exhaustive(SelectionRequest r)
    {
        var n = r.Candidates.Count;
        var assignment = new string?[n];
        var room = r.Funders.ToDictionary(f => f.Id, f => f.EnvelopeCentimes);
        (int Shortfall, long Score)? best = null;

        void Visit(int i)
        {
            if (i == n)
            {
                if (!Allowed(r, assignment))
                {
                    return;
                }

                var value = Evaluate(r, assignment);
                if (best is null || value.Shortfall < best.Value.Shortfall || (value.Shortfall == best.Value.Shortfall && value.Score > best.Value.Score))
                {
                    best = value;
                }

                return;
            }

            assignment[i] = null;
            Visit(i + 1);
            foreach (var f in r.Funders)
            {
                if (room[f.Id] >= r.Candidates[i].AmountCentimes && Accepts(f, r.Candidates[i]))
                {
                    room[f.Id] -= r.Candidates[i].AmountCentimes;
                    assignment[i] = f.Id;
                    Visit(i + 1);
                    room[f.Id] += r.Candidates[i].AmountCentimes;
                }
            }

            assignment[i] = null;
        }

        Visit(0);
        return best;
    }

    [Fact]
    public void The_exhaustive_search_itself_counts_shortfalls_as_documented()
    {
        // 3 selected, 1 women-led, target 64 %: 2 of 3 would be needed, 1 missing. Cap 30 % of 3 → a sector may hold 1.
        var r = new SelectionRequest(
            [
                new("a", "association", "MA-01", "crafts", true, false, 1, 70),
                new("b", "association", "MA-01", "crafts", false, false, 1, 70),
                new("c", "association", "MA-02", "health", false, false, 1, 70),
            ],
            [new("m", 10, ["association"], [])],
            new SelectionTargets(0.64m, 0, 1, 0.3m, 0),
            ["MA-01", "MA-02", "MA-03"]);

        var (shortfall, score) = Evaluate(r, ["m", "m", "m"]);

        Assert.Equal(1 + 0 + 1 + 1, shortfall); // women 1, rural 0, MA-03 empty 1, crafts over by 1
        Assert.Equal(21_000, score);
    }
}
