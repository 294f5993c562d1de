namespace Mouazara.Selection;

/// <summary>
/// Chooses an edition's portfolio: the shortlisted applications to fund, with which funder, to miss the edition's
/// targets by as few projects as possible and, among those portfolios, to reach the highest total committee score —
/// within each funder's envelope to the centime. Pure and deterministic: no storage, no clock but the solver's own
/// budget; the same request gives the same proposal whatever order its lists come in.
/// <para>The model (Google OR-Tools CP-SAT):</para>
/// <list type="bullet">
/// <item>a boolean per candidate and funder that accepts its type and region; at most one per candidate; every
/// envelope a linear constraint on the amounts in centimes (int64);</item>
/// <item>hard: a score below <see cref="SelectionTargets.ScoreMin"/> is never selected, pins and confirmed awards
/// hold (a request whose pins cannot hold comes back <c>infeasible</c> with its problems, not as an exception);</item>
/// <item>soft, each as an integer shortfall counted in projects (see <see cref="PortfolioCounts"/>): the women-led and
/// rural shares (in basis points), each region's minimum, each sector's cap. The total shortfall is their plain
/// sum: one project missing from any target weighs the same. A share target may be met by selecting fewer projects,
/// leaving money unspent, because the targets come first;</item>
/// <item>the objective is lexicographic: first the total shortfall, smallest; then the total score in hundredths of a
/// point, largest. By default in two phases (phase 2 keeps the shortfall at phase 1's value); the status is
/// <c>optimal</c> only when CP-SAT proves both.</item>
/// </list>
/// <para>Solving: the regions and sectors that the greedy portfolio shows safe are left out of the model until a
/// portfolio misses them (see <see cref="SelectionModel"/>), which lets the dominance rule below ignore region and
/// sector for them; the final portfolio is checked against every row. The share targets are stated on integer counts.
/// CP-SAT runs without probing and with one presolve pass: on 5,000 candidates that halves the first phase and
/// leaves more of the budget to the second (measured, docs/performance.md). With the women-led and rural shares
/// binding, the relaxation is loose in the number selected, so phase 2 is proven one count at a time (see
/// SelectionModel.Split): 1,000 candidates are proven in under one unit of deterministic time; 5,000 still come
/// back <c>feasible</c> with the proven bound beside the score (a gap under 0.01 %), and the shortfall proven
/// minimal by phase 1.</para>
/// <para>Determinism and ties: candidates are put in one order first (score, highest first, then application id,
/// ordinal); funders stay in the request's order, the first preferred. CP-SAT runs with a fixed seed, one worker
/// and its budget in deterministic time, so even a search stopped by the budget ends on the same portfolio. Two
/// workers would have to be interleaved to stay deterministic, and interleaved they found no better portfolio nor
/// bound per unit of work on this 2-core machine, shared with other work; <see cref="SelectionSolverOptions.Workers"/>
/// allows it. Between comparable candidates
/// (same funders, region and sector; the first women-led or rural whenever the second is) the dominance rule settles
/// ties by that order: one that ranks higher and costs no more is always selected before the other. Any other tie between portfolios of equal
/// shortfall and score is settled by the solver's search, the same on every run.</para>
/// </summary>
public static class SelectionSolver
{
    public static SelectionProposal Solve(SelectionRequest request, SelectionSolverOptions? options = null)
    {
        options ??= SelectionSolverOptions.Default;
        var invalid = new List<SelectionReason>();
        var conflicts = new List<SelectionReason>();
        var prepared = PreparedSelection.Prepare(request, invalid, conflicts);
        var pins = request?.Pins ?? [];
        var awards = request?.FixedAwards ?? [];
        if (prepared is null)
        {
            return Empty(SelectionStatus.Invalid, options, invalid, pins, awards);
        }

        if (conflicts.Count > 0)
        {
            return Empty(SelectionStatus.Infeasible, options, conflicts, pins, awards);
        }

        var outcome = SelectionModel.Solve(prepared, options);
        if (outcome.Status == SelectionStatus.Infeasible)
        {
            return Empty(SelectionStatus.Infeasible, options,
                [new(SelectionReasonCodes.PinsInfeasible, "The pinned-in projects and confirmed awards cannot all be paid within the funders' envelopes.")], pins, awards, outcome);
        }

        if (outcome.Status == SelectionStatus.Unknown)
        {
            return Empty(SelectionStatus.Unknown, options,
                [new(SelectionReasonCodes.SolverLimit, "The solver found no portfolio within its time limit.")], pins, awards, outcome);
        }

        return Assemble(prepared, options, outcome);
    }

    /// <summary>
    /// The targets a given portfolio reaches, counted exactly as the solver counts them (for a what-if, or to compare
    /// a portfolio made another way). Ids not among the candidates are ignored; an invalid request gives no targets.
    /// </summary>
    public static IReadOnlyList<TargetAttainment> Assess(SelectionRequest request, IEnumerable<string> selectedIds)
    {
        var prepared = PreparedSelection.Prepare(request, [], []);
        if (prepared is null)
        {
            return [];
        }

        var chosen = selectedIds.ToHashSet(StringComparer.Ordinal);
        var funderOf = prepared.Candidates.Select(c => chosen.Contains(c.ApplicationId) ? 0 : -1).ToArray();
        return Targets(prepared, PortfolioCounts.Of(prepared, funderOf), funderOf);
    }

    static SelectionProposal Assemble(PreparedSelection p, SelectionSolverOptions options, ModelOutcome outcome)
    {
        var funderOf = outcome.FunderOf;
        var counts = PortfolioCounts.Of(p, funderOf);
        var score = Enumerable.Range(0, p.Count).Where(i => funderOf[i] >= 0).Sum(i => p.Score[i]);
        var solver = new SelectionSolverReport(outcome.Status, Name(options), counts.Total(), outcome.ShortfallBound,
            PreparedSelection.Points(score), PreparedSelection.Points(outcome.ScoreBound), Math.Round(outcome.Seconds, 3), outcome.Phases);

        var selected = Enumerable.Range(0, p.Count).Where(i => funderOf[i] >= 0).Select(i => new SelectedApplication(
            p.Candidates[i].ApplicationId, p.Funders[funderOf[i]].Id, p.Amount[i], PreparedSelection.Points(p.Score[i]),
            p.FixedFunder[i] >= 0 ? "fixed-award" : p.PinnedIn[i] ? "pinned-in" : null)).ToList();

        var waitlist = new List<SelectionWaitlistEntry>();
        var waitlisted = new bool[p.Count];
        for (var f = 0; f < p.Funders.Length; f++)
        {
            var rank = 0;
            for (var i = 0; i < p.Count; i++)
            {
                if (funderOf[i] < 0 && p.Selectable[i] && p.Eligible[i].Contains(f))
                {
                    waitlist.Add(new(p.Candidates[i].ApplicationId, p.Funders[f].Id, ++rank, PreparedSelection.Points(p.Score[i])));
                    waitlisted[i] = true;
                }
            }
        }

        var explainer = new SelectionExplainer(p, funderOf, outcome.Status == SelectionStatus.Optimal);
        var notSelected = Enumerable.Range(0, p.Count).Where(i => funderOf[i] < 0).Select(i => new NotSelectedApplication(
            p.Candidates[i].ApplicationId, PreparedSelection.Points(p.Score[i]), waitlisted[i], explainer.Reasons(i))).ToList();

        var funders = Enumerable.Range(0, p.Funders.Length).Select(f =>
        {
            var paid = Enumerable.Range(0, p.Count).Where(i => funderOf[i] == f).ToArray();
            var committed = paid.Sum(i => p.Amount[i]);
            return new FunderUse(p.Funders[f].Id, p.Funders[f].EnvelopeCentimes, committed, p.Funders[f].EnvelopeCentimes - committed, paid.Length,
                paid.Length == 0 ? null : PreparedSelection.Points(paid.Min(i => p.Score[i])));
        }).ToList();

        return new SelectionProposal(solver, [], selected, waitlist, notSelected, Targets(p, counts, funderOf), funders,
            p.Request.Pins ?? [], p.Request.FixedAwards ?? []);
    }

    static List<TargetAttainment> Targets(PreparedSelection p, PortfolioCounts counts, int[] funderOf)
    {
        var t = p.Request.Targets;
        var n = counts.Selected;
        decimal Share(int count) => n == 0 ? 0 : Math.Round((decimal)count / n, 4);
        var targets = new List<TargetAttainment>
        {
            new("womenLedMin", null, t.WomenLedMin, Share(counts.Women), counts.WomenShortfall == 0, counts.WomenShortfall),
            new("ruralMin", null, t.RuralMin, Share(counts.Rural), counts.RuralShortfall == 0, counts.RuralShortfall),
        };
        for (var r = 0; r < p.Regions.Length; r++)
        {
            targets.Add(new("perRegionMin", p.Regions[r], t.PerRegionMin, counts.Region[r], counts.RegionShortfall(r) == 0, counts.RegionShortfall(r)));
        }

        for (var s = 0; s < p.Sectors.Length; s++)
        {
            targets.Add(new("sectorMaxShare", p.Sectors[s], t.SectorMaxShare, Share(counts.Sector[s]), counts.SectorExcess(s) == 0, counts.SectorExcess(s)));
        }

        var lowest = Enumerable.Range(0, p.Count).Where(i => funderOf[i] >= 0).Select(i => p.Score[i]).DefaultIfEmpty(long.MaxValue).Min();
        targets.Add(new("scoreMin", null, t.ScoreMin, lowest == long.MaxValue ? 0 : PreparedSelection.Points(lowest), true, 0));
        return targets;
    }

    static SelectionProposal Empty(string status, SelectionSolverOptions options, List<SelectionReason> problems, IReadOnlyList<SelectionPin> pins,
        IReadOnlyList<SelectionFixedAward> awards, ModelOutcome? outcome = null) =>
        new(new SelectionSolverReport(status, Name(options), 0, 0, 0, 0, Math.Round(outcome?.Seconds ?? 0, 3), outcome?.Phases ?? []),
            problems, [], [], [], [], [], pins, awards);

    static string Name(SelectionSolverOptions options) => options.Objective == SelectionObjective.Weighted ? "weighted" : "two-phase";
}
