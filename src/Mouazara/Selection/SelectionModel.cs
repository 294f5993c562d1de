using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace Mouazara.Selection;

/// <summary>What the CP-SAT model found: the funder of each candidate (-1 = not selected) and how the solves went.</summary>
sealed record ModelOutcome(string Status, int[] FunderOf, int ShortfallBound, long ScoreBound, double Seconds, IReadOnlyList<SelectionSolverPhase> Phases);

/// <summary>
/// The CP-SAT formulation (see <see cref="SelectionSolver"/> for the decisions): a boolean per (candidate, funder
/// that accepts it), at most one per candidate, every envelope a knapsack in centimes, the soft targets as integer
/// shortfall variables, and a lexicographic objective — fewest projects short of the targets, then highest total
/// score in hundredths of a point.
/// </summary>
sealed partial class SelectionModel
{
    readonly PreparedSelection p;
    readonly SelectionSolverOptions options;
    readonly CpModel model = new();
    readonly BoolVar[]?[] x;
    readonly ILiteral?[] selected;
    readonly bool[] withRegion;
    readonly bool[] withSector;
    readonly double budget;

    // The number of projects selected (see SplitOnCount).
    IntVar? totalVar;

    // The number of women-led projects selected, when that share is a target (see SplitOnCount).
    IntVar? womenVar;
    LinearExpr shortfall = LinearExpr.Constant(0);
    LinearExpr score = LinearExpr.Constant(0);
    long maxScore;

    SelectionModel(PreparedSelection prepared, SelectionSolverOptions options, bool[] withRegion, bool[] withSector, double budget)
    {
        p = prepared;
        this.options = options;
        this.withRegion = withRegion;
        this.withSector = withSector;
        this.budget = budget;
        x = new BoolVar[]?[p.Count];
        selected = new ILiteral?[p.Count];
    }

    /// <summary>
    /// Solves a relaxation first and tightens it until its optimum is the real one. The relaxation leaves out the
    /// rows of the regions and sectors that do not look at risk (a region whose greedy portfolio has more than its
    /// minimum, a sector well under its cap), so that the dominance rule can ignore region and sector for them and
    /// becomes far stronger. When the relaxation's portfolio also meets every row left out, it is optimal for the
    /// whole problem too (every portfolio's shortfall in the relaxation is at most its real shortfall, and this one
    /// loses nothing); otherwise the rows it misses are added and it is solved again, from its own portfolio.
    /// </summary>
    public static ModelOutcome Solve(PreparedSelection prepared, SelectionSolverOptions options)
    {
        var clock = Stopwatch.StartNew();
        var withRegion = new bool[prepared.Regions.Length];
        var withSector = new bool[prepared.Sectors.Length];
        var hint = Greedy(prepared);
        var atStart = PortfolioCounts.Of(prepared, hint);
        for (var r = 0; r < withRegion.Length; r++)
        {
            withRegion[r] = !options.Lazy || atStart.Region[r] <= prepared.PerRegionMin;
        }

        var allowed = PortfolioCounts.SectorAllowed(atStart.Selected, prepared.CapBp);
        for (var s = 0; s < withSector.Length; s++)
        {
            withSector[s] = !options.Lazy || atStart.Sector[s] * 10 >= allowed * 8;
        }

        var phases = new List<SelectionSolverPhase>();
        ModelOutcome? previous = null;
        while (true)
        {
            var remaining = Math.Max(0.1, prepared.Request.TimeLimitSeconds - phases.Sum(ph => ph.DeterministicTime));
            var m = new SelectionModel(prepared, options, withRegion, withSector, remaining);
            m.Build();
            var outcome = options.Objective == SelectionObjective.Weighted ? m.SolveWeighted(hint) : m.SolveTwoPhase(hint);
            phases.AddRange(outcome.Phases);
            outcome = outcome with { Seconds = clock.Elapsed.TotalSeconds, Phases = phases };
            if (outcome.Status is not (SelectionStatus.Optimal or SelectionStatus.Feasible))
            {
                // Out of time while tightening: the last portfolio found obeys every hard rule, so it stands, unproven.
                return previous is null || outcome.Status == SelectionStatus.Infeasible ? outcome : previous with { Status = SelectionStatus.Feasible, Seconds = outcome.Seconds, Phases = phases };
            }

            var counts = PortfolioCounts.Of(prepared, outcome.FunderOf);
            var missed = false;
            for (var r = 0; r < withRegion.Length; r++)
            {
                if (!withRegion[r] && counts.RegionShortfall(r) > 0)
                {
                    withRegion[r] = missed = true;
                }
            }

            for (var s = 0; s < withSector.Length; s++)
            {
                if (!withSector[s] && counts.SectorExcess(s) > 0)
                {
                    withSector[s] = missed = true;
                }
            }

            if (!missed)
            {
                return outcome;
            }

            hint = outcome.FunderOf;
            previous = outcome;
        }
    }

    void Build()
    {
        var n = p.Count;
        for (var i = 0; i < n; i++)
        {
            if (!p.Selectable[i])
            {
                continue;
            }

            var vars = p.Eligible[i].Select(_ => model.NewBoolVar("")).ToArray();
            x[i] = vars;
            if (vars.Length == 1)
            {
                selected[i] = vars[0];
            }
            else
            {
                // s = Σ x ≤ 1: the candidate is paid by at most one funder.
                var s = model.NewBoolVar("");
                var sum = LinearExpr.NewBuilder().AddSum(vars).AddTerm(s, -1);
                model.AddLinearConstraint(sum, 0, 0);
                selected[i] = s;
            }

            if (p.FixedFunder[i] >= 0)
            {
                model.AddLinearConstraint(LinearExpr.Term(vars[Array.IndexOf(p.Eligible[i], p.FixedFunder[i])], 1), 1, 1);
            }
            else if (p.PinnedIn[i])
            {
                model.AddLinearConstraint(LinearExpr.Term(selected[i]!, 1), 1, 1);
            }
        }

        var chosen = Enumerable.Range(0, n).Where(i => selected[i] is not null).ToArray();
        var count = chosen.Length;

        // Envelopes, exactly in centimes; one left out when every project it could pay fits in it anyway.
        for (var f = 0; f < p.Funders.Length; f++)
        {
            var envelope = LinearExpr.NewBuilder();
            long all = 0;
            foreach (var i in chosen)
            {
                var k = Array.IndexOf(p.Eligible[i], f);
                if (k >= 0)
                {
                    envelope.AddTerm(x[i]![k], p.Amount[i]);
                    all += p.Amount[i];
                }
            }

            if (all > p.Funders[f].EnvelopeCentimes)
            {
                model.AddLinearConstraint(envelope, 0, p.Funders[f].EnvelopeCentimes);
            }
        }

        var builder = LinearExpr.NewBuilder();
        long constant = 0;

        // Share minimums: Σ s·(10000·[has it] − bp) + 10000·k ≥ 0, i.e. 10000·(count + k) ≥ bp·N.
        // The number selected, as an integer variable: the share rows below are stated on counts, so that CP-SAT
        // reasons (and cuts) on integers, 25·W ≥ 16·N say, rather than on a long row of fractions.
        var total = model.NewIntVar(0, count, "");
        model.AddLinearConstraint(LinearExpr.NewBuilder().AddSum(chosen.Select(i => selected[i]!)).AddTerm(total, -1), 0, 0);
        totalVar = total;

        // Share minimums: 10000·(count + k) ≥ bp·N.
        IntVar? ShareMinimum(int bp, Func<SelectionCandidate, bool> has)
        {
            if (bp <= 0 || count == 0)
            {
                return null;
            }

            var having = chosen.Where(i => has(p.Candidates[i])).ToArray();
            var counted = model.NewIntVar(0, having.Length, "");
            model.AddLinearConstraint(LinearExpr.NewBuilder().AddSum(having.Select(i => selected[i]!)).AddTerm(counted, -1), 0, 0);
            var k = model.NewIntVar(0, count, "");
            var row = LinearExpr.NewBuilder().AddTerm(k, PreparedSelection.BasisPoints).AddTerm(counted, PreparedSelection.BasisPoints).AddTerm(total, -bp);
            model.AddLinearConstraint(row, 0, long.MaxValue);
            builder.Add(k);
            return counted;
        }

        womenVar = ShareMinimum(p.WomenBp, c => c.WomenLed);
        ShareMinimum(p.RuralBp, c => c.Rural);

        // Regions: count + k ≥ PerRegionMin, k ≤ PerRegionMin.
        if (p.PerRegionMin > 0)
        {
            for (var r = 0; r < p.Regions.Length; r++)
            {
                if (!withRegion[r])
                {
                    continue;
                }

                var inRegion = chosen.Where(i => p.RegionOf[i] == r).ToArray();
                if (inRegion.Length == 0)
                {
                    constant += p.PerRegionMin;
                    continue;
                }

                var k = model.NewIntVar(Math.Max(0, p.PerRegionMin - inRegion.Length), p.PerRegionMin, "");
                var row = LinearExpr.NewBuilder().Add(k).AddSum(inRegion.Select(i => selected[i]!));
                model.AddLinearConstraint(row, p.PerRegionMin, long.MaxValue);
                builder.Add(k);
            }
        }

        // Sectors: count − excess ≤ allowed = max(1, ⌊cap·N⌋), with 10000·q ≤ cap·N.
        if (p.CapBp < PreparedSelection.BasisPoints && count > 1)
        {
            var bySector = chosen.GroupBy(i => p.SectorOf[i]).Where(g => withSector[g.Key] && g.Count() > 1).ToArray();
            if (bySector.Length > 0)
            {
                var q = model.NewIntVar(0, count, "");
                var bound = LinearExpr.NewBuilder().AddTerm(q, PreparedSelection.BasisPoints).AddTerm(total, -p.CapBp);
                model.AddLinearConstraint(bound, long.MinValue, 0);
                var allowed = model.NewIntVar(1, count, "");
                model.AddMaxEquality(allowed, [q, LinearExpr.Constant(1)]);
                foreach (var sector in bySector)
                {
                    var excess = model.NewIntVar(0, sector.Count() - 1, "");
                    var row = LinearExpr.NewBuilder().AddSum(sector.Select(i => selected[i]!)).AddTerm(excess, -1).AddTerm(allowed, -1);
                    model.AddLinearConstraint(row, long.MinValue, 0);
                    builder.Add(excess);
                }
            }
        }

        builder.Add(constant);
        shortfall = builder;
        score = LinearExpr.NewBuilder().AddWeightedSum(chosen.Select(i => selected[i]!), chosen.Select(i => p.Score[i]));
        maxScore = chosen.Sum(i => p.Score[i]);

        if (options.Dominance)
        {
            AddDominance(chosen);
        }
    }

    /// <summary>
    /// Comparable candidates — same funders, region and sector, and a women-led (rural) whenever b is — differ
    /// otherwise only in score and amount. When a ranks before b (higher score, or equal score and lower id) and costs
    /// no more, some optimal portfolio takes a whenever it takes b (swap them: same or better targets, same or less
    /// money, same or more score), so
    /// b ⇒ a. This prunes the search and settles ties between such candidates by the ranking. Only the edges not
    /// implied by a chain (a ⇒ c ⇒ b) are added. Pinned and awarded candidates are left alone.
    /// </summary>
    void AddDominance(int[] chosen)
    {
        // Women-led and rural only ever help (the shares are minimums): a candidate that is women-led (or rural) can
        // stand in for one that is not, all else equal. So the groups ignore them, and a dominates b when a has every
        // such mark b has. Within one pair of marks the members are a chain in rank order, as before.
        int Marks(int i) => (p.Candidates[i].WomenLed && p.WomenBp > 0 ? 1 : 0) + (p.Candidates[i].Rural && p.RuralBp > 0 ? 2 : 0);
        var groups = chosen.Where(i => !p.Locked(i)).GroupBy(i =>
        {
            var region = p.PerRegionMin > 0 && p.RegionOf[i] >= 0 && withRegion[p.RegionOf[i]] ? p.RegionOf[i] : -1;
            var sector = p.CapBp < PreparedSelection.BasisPoints && withSector[p.SectorOf[i]] ? p.SectorOf[i] : -1;
            return string.Join(',', p.Eligible[i]) + "|" + region.ToString(CultureInfo.InvariantCulture) + "|" + sector.ToString(CultureInfo.InvariantCulture)
                + (options.CrossMarkDominance ? "" : "|" + Marks(i).ToString(CultureInfo.InvariantCulture));
        }, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var members = group.ToArray(); // already in rank order
            for (var b = 1; b < members.Length; b++)
            {
                var marksB = Marks(members[b]);
                for (var marks = 0; marks < 4; marks++)
                {
                    if ((marks & marksB) != marksB)
                    {
                        continue;
                    }

                    var amountB = p.Amount[members[b]];
                    var between = long.MinValue;
                    for (var a = b - 1; a >= 0; a--)
                    {
                        var amountA = p.Amount[members[a]];
                        if (Marks(members[a]) != marks || amountA > amountB)
                        {
                            continue;
                        }

                        if (amountA > between)
                        {
                            model.AddImplication(selected[members[b]]!, selected[members[a]]!);
                        }

                        between = Math.Max(between, amountA);
                    }
                }
            }
        }
    }

    ModelOutcome SolveTwoPhase(int[] start)
    {
        var clock = Stopwatch.StartNew();
        var phases = new List<SelectionSolverPhase>();
        if (options.GreedyHint)
        {
            Hint(start);
        }

        model.Minimize(shortfall);
        var (status1, funderOf1, solver1) = Run(budget);
        phases.Add(Phase("shortfall", status1, solver1));
        if (status1 is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new ModelOutcome(Map(status1), new int[p.Count], 0, 0, clock.Elapsed.TotalSeconds, phases);
        }

        var best = (long)Math.Round(solver1.ObjectiveValue);
        var shortfallBound = (int)Math.Ceiling(solver1.BestObjectiveBound - 1e-6);
        model.AddLinearConstraint(shortfall, long.MinValue, best);
        model.ClearHints();
        model.Maximize(score);
        var remaining = Math.Max(0.1, budget - (solver1.Response?.DeterministicTime ?? 0));
        if (options.SplitOnCount && totalVar is not null)
        {
            var split = SplitOnCount(funderOf1, remaining);
            phases.Add(split.Phase);
            var proven = status1 == CpSolverStatus.Optimal && split.Phase.Status == SelectionStatus.Optimal;
            return new ModelOutcome(proven ? SelectionStatus.Optimal : SelectionStatus.Feasible, split.FunderOf, shortfallBound, split.Bound,
                clock.Elapsed.TotalSeconds, phases);
        }

        Hint(funderOf1);
        var (status2, funderOf2, solver2) = Run(remaining);
        phases.Add(Phase("score", status2, solver2));
        if (status2 is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // Phase 2 starts from phase 1's portfolio, so this only happens when it ran out of time before reading it.
            return new ModelOutcome(SelectionStatus.Feasible, funderOf1, shortfallBound, maxScore, clock.Elapsed.TotalSeconds, phases);
        }

        var status = status1 == CpSolverStatus.Optimal && status2 == CpSolverStatus.Optimal ? SelectionStatus.Optimal : SelectionStatus.Feasible;
        var scoreBound = (long)Math.Floor(solver2.BestObjectiveBound + 1e-6);
        return new ModelOutcome(status, funderOf2, shortfallBound, scoreBound, clock.Elapsed.TotalSeconds, phases);
    }

    ModelOutcome SolveWeighted(int[] start)
    {
        var clock = Stopwatch.StartNew();
        if (options.GreedyHint)
        {
            Hint(start);
        }

        var weight = maxScore + 1;
        model.Maximize(LinearExpr.NewBuilder().Add(score).AddTerm(shortfall, -weight));
        var (status, funderOf, solver) = Run(budget);
        var phases = new List<SelectionSolverPhase> { Phase("weighted", status, solver) };
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new ModelOutcome(Map(status), new int[p.Count], 0, 0, clock.Elapsed.TotalSeconds, phases);
        }

        // The bound on score − M·shortfall bounds the shortfall from below and, at that shortfall, the score from above.
        var bound = (long)Math.Floor(solver.BestObjectiveBound + 1e-6);
        var shortfallBound = (int)Math.Max(0, -Math.Floor((double)bound / weight));
        var scoreBound = bound + (shortfallBound * weight);
        return new ModelOutcome(Map(status), funderOf, shortfallBound, scoreBound, clock.Elapsed.TotalSeconds, phases);
    }

    (CpSolverStatus Status, int[] FunderOf, CpSolver Solver) Run(double seconds)
    {
        var solver = new CpSolver();
        var workers = Math.Max(1, options.Workers);
        var parameters = string.Create(CultureInfo.InvariantCulture,
            $"num_workers:{workers} random_seed:{options.Seed} max_deterministic_time:{seconds:0.###} max_time_in_seconds:{(10 * seconds) + 10:0.###}");
        parameters += " cp_model_probing_level:0 max_presolve_iterations:1";
        if (workers > 1)
        {
            parameters += " interleave_search:true";
        }

        if (!string.IsNullOrWhiteSpace(options.Parameters))
        {
            parameters += " " + options.Parameters;
        }

        solver.StringParameters = parameters;
        var status = solver.Solve(model);
        if (status == CpSolverStatus.ModelInvalid)
        {
            throw new InvalidOperationException("The selection model is invalid: " + model.Validate());
        }

        var funderOf = Enumerable.Repeat(-1, p.Count).ToArray();
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
        {
            for (var i = 0; i < p.Count; i++)
            {
                var vars = x[i];
                for (var k = 0; vars is not null && k < vars.Length; k++)
                {
                    if (solver.BooleanValue(vars[k]))
                    {
                        funderOf[i] = p.Eligible[i][k];
                    }
                }
            }
        }

        return (status, funderOf, solver);
    }

    void Hint(int[] funderOf)
    {
        for (var i = 0; i < p.Count; i++)
        {
            var vars = x[i];
            if (vars is null)
            {
                continue;
            }

            for (var k = 0; k < vars.Length; k++)
            {
                model.AddHint(vars[k], p.Eligible[i][k] == funderOf[i]);
            }

            if (vars.Length > 1)
            {
                model.AddHint(selected[i]!, funderOf[i] >= 0);
            }
        }
    }

    /// <summary>Confirmed awards and pins first, then best score first, each to the first funder with room.</summary>
    static int[] Greedy(PreparedSelection p)
    {
        var funderOf = Enumerable.Repeat(-1, p.Count).ToArray();
        var room = p.Funders.Select(f => f.EnvelopeCentimes).ToArray();
        foreach (var i in Enumerable.Range(0, p.Count).Where(i => p.FixedFunder[i] >= 0))
        {
            funderOf[i] = p.FixedFunder[i];
            room[funderOf[i]] -= p.Amount[i];
        }

        foreach (var pinned in new[] { true, false })
        {
            for (var i = 0; i < p.Count; i++)
            {
                if (!p.Selectable[i] || funderOf[i] >= 0 || p.PinnedIn[i] != pinned)
                {
                    continue;
                }

                foreach (var f in p.Eligible[i])
                {
                    if (room[f] >= p.Amount[i])
                    {
                        funderOf[i] = f;
                        room[f] -= p.Amount[i];
                        break;
                    }
                }
            }
        }

        return funderOf;
    }

    static SelectionSolverPhase Phase(string name, CpSolverStatus status, CpSolver solver)
    {
        var found = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        return new SelectionSolverPhase(name, Map(status), found ? (long)Math.Round(solver.ObjectiveValue) : 0,
            found ? (long)Math.Round(solver.BestObjectiveBound) : 0, Math.Round(solver.WallTime(), 3), Math.Round(solver.Response?.DeterministicTime ?? 0, 3),
            solver.Response?.NumBranches ?? 0, solver.Response?.NumConflicts ?? 0);
    }

    static string Map(CpSolverStatus status) => status switch
    {
        CpSolverStatus.Optimal => SelectionStatus.Optimal,
        CpSolverStatus.Feasible => SelectionStatus.Feasible,
        CpSolverStatus.Infeasible => SelectionStatus.Infeasible,
        _ => SelectionStatus.Unknown,
    };
}
