using System.Diagnostics;
using Mouazara.Selection;

namespace Mouazara.Bench;

/// <summary>What one edition size gave: the solver against the greedy baseline.</summary>
public sealed record SelectionRun(int Size, int Selectable, string Status, double Seconds, double ShortfallSeconds, double ScoreSeconds,
    int Selected, decimal Score, decimal ScoreBound, int Shortfall, int TargetsMissed, int GreedySelected, decimal GreedyScore, int GreedyShortfall,
    int GreedyTargetsMissed, IReadOnlyDictionary<string, string> Attainment, IReadOnlyDictionary<string, string> GreedyAttainment, double ExplainSeconds,
    IReadOnlyList<string> Phases);

/// <summary>
/// Scenario 6: the selection round on synthetic editions (pure computation, no storage or host): 12 regions, the
/// ministry paying associations and networks everywhere, three regional councils paying cooperatives of MA-01,
/// MA-02 and MA-03; nine sectors; 20,000–49,000 MAD asked; about 55 % women-led and 45 % rural candidates; envelopes
/// for roughly two fifths of what is asked; targets women-led 64 %, rural 47 %, one per region, 30 % per sector,
/// minimum score 60. CP-SAT against a greedy baseline (best score first while money lasts with a funder).
/// </summary>
static class SelectionScenario
{
    public static readonly SelectionTargets Targets = new(0.64m, 0.47m, 1, 0.30m, 60m);
    static readonly string[] Regions = Enumerable.Range(1, 12).Select(r => $"MA-{r:D2}").ToArray();

    // Roughly the regions' shares of population; the south is small.
    static readonly int[] RegionWeights = [10, 7, 12, 13, 7, 20, 13, 5, 8, 2, 2, 1];
    static readonly string[] Sectors = ["agriculture", "crafts", "education", "health", "environment", "culture", "social-economy", "tourism", "digital"];
    static readonly int[] SectorWeights = [24, 16, 13, 10, 9, 9, 8, 6, 5];

    public static SelectionRequest Edition(int size, int seed = 2026, double fundedShare = 0.4, double timeLimitSeconds = 5)
    {
        var rng = new Random(seed + size);
        int Weighted(int[] weights)
        {
            var roll = rng.Next(weights.Sum());
            for (var k = 0; k < weights.Length; k++)
            {
                if ((roll -= weights[k]) < 0)
                {
                    return k;
                }
            }

            return weights.Length - 1;
        }

        var candidates = new List<SelectionCandidate>(size);
        for (var k = 0; k < size; k++)
        {
            var typeRoll = rng.Next(100);
            var type = typeRoll < 62 ? "association" : typeRoll < 72 ? "network" : "cooperative";
            var sector = Weighted(SectorWeights);
            var rural = rng.Next(100) < (sector == 0 ? 70 : 38);

            // A committee of five scores 0..100; the average has at most one decimal.
            var votes = Enumerable.Range(0, 5).Sum(_ => Math.Clamp((int)Math.Round(71 + (11 * Normal(rng))), 20, 100));
            candidates.Add(new SelectionCandidate($"MZ-{size:D5}-{k:D5}", type, Regions[Weighted(RegionWeights)], Sectors[sector],
                rng.Next(100) < 55, rural, rng.Next(20_000, 49_001) * 100L, votes / 5m));
        }

        long Demand(Func<SelectionCandidate, bool> who) => candidates.Where(c => c.Score >= Targets.ScoreMin && who(c)).Sum(c => c.AmountCentimes);
        long Envelope(long demand) => (long)(demand * fundedShare) / 100_000_00 * 100_000_00; // whole 100,000 MAD
        var funders = new List<SelectionFunder> { new("ministry", Envelope(Demand(c => c.ApplicantType != "cooperative")), ["association", "network"], []) };
        foreach (var region in Regions.Take(3))
        {
            funders.Add(new($"council-{region}", Math.Max(100_000_00, Envelope(Demand(c => c.ApplicantType == "cooperative" && c.Region == region))), ["cooperative"], [region]));
        }

        return new SelectionRequest(candidates, funders, Targets, Regions, TimeLimitSeconds: timeLimitSeconds);
    }

    static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Best score first (then id), to the first funder with room; pins and targets ignored.</summary>
    public static List<string> Greedy(SelectionRequest request)
    {
        var room = request.Funders.ToDictionary(f => f.Id, f => f.EnvelopeCentimes);
        var chosen = new List<string>();
        foreach (var c in request.Candidates.Where(c => c.Score >= request.Targets.ScoreMin).OrderByDescending(c => c.Score).ThenBy(c => c.ApplicationId, StringComparer.Ordinal))
        {
            var funder = request.Funders.FirstOrDefault(f => f.ApplicantTypes.Contains(c.ApplicantType) && (f.Regions.Count == 0 || f.Regions.Contains(c.Region))
                && room[f.Id] >= c.AmountCentimes);
            if (funder is not null)
            {
                room[funder.Id] -= c.AmountCentimes;
                chosen.Add(c.ApplicationId);
            }
        }

        return chosen;
    }

    public static SelectionRun Run(int size, SelectionSolverOptions? options = null, int seed = 2026, double budget = 5)
    {
        var request = Edition(size, seed, timeLimitSeconds: budget);
        var clock = Stopwatch.StartNew();
        var proposal = SelectionSolver.Solve(request, options);
        var seconds = clock.Elapsed.TotalSeconds;
        var greedy = Greedy(request);
        var greedyTargets = SelectionSolver.Assess(request, greedy);
        var byId = request.Candidates.ToDictionary(c => c.ApplicationId);
        var phases = proposal.Solver.Phases;
        return new SelectionRun(size, request.Candidates.Count(c => c.Score >= request.Targets.ScoreMin), proposal.Solver.Status, Math.Round(seconds, 2),
            Math.Round(phases.FirstOrDefault()?.Seconds ?? 0, 2), Math.Round(phases.Skip(1).FirstOrDefault()?.Seconds ?? 0, 2),
            proposal.Selected.Count, proposal.Solver.Score, proposal.Solver.ScoreBound, proposal.Solver.Shortfall, proposal.Targets.Count(t => !t.Met),
            greedy.Count, greedy.Sum(id => byId[id].Score), greedyTargets.Sum(t => t.Shortfall), greedyTargets.Count(t => !t.Met),
            Summary(proposal.Targets), Summary(greedyTargets), Math.Round(seconds - proposal.Solver.Seconds, 2),
            phases.Select(ph => $"{ph.Name} {ph.Status} {ph.Seconds:0.00} s / {ph.DeterministicTime:0.00} det / {ph.Branches} branches / {ph.Conflicts} conflicts / objective {ph.Objective} bound {ph.BestBound}"
                + (ph.Solves > 1 ? $" / {ph.Solves} solves split on the count, {ph.CountLow}..{ph.CountHigh} one by one" : ph.Solves == 1 ? " / 1 solve" : "")).ToList());
    }

    static Dictionary<string, string> Summary(IReadOnlyList<TargetAttainment> targets)
    {
        if (targets.Count == 0)
        {
            return new Dictionary<string, string> { ["womenLed"] = "-", ["rural"] = "-", ["regions"] = "-", ["largestSector"] = "-" };
        }

        string Share(string name)
        {
            var t = targets.Single(t => t.Name == name);
            return $"{t.Achieved:P1}{(t.Met ? "" : " (short " + t.Shortfall + ")")}";
        }

        var regions = targets.Where(t => t.Name == "perRegionMin").ToList();
        var sectors = targets.Where(t => t.Name == "sectorMaxShare").ToList();
        return new Dictionary<string, string>
        {
            ["womenLed"] = Share("womenLedMin"),
            ["rural"] = Share("ruralMin"),
            ["regions"] = $"{regions.Count(t => t.Met)}/{regions.Count}",
            ["largestSector"] = $"{sectors.Max(t => t.Achieved):P1}{(sectors.All(t => t.Met) ? "" : " (over " + sectors.Sum(t => t.Shortfall) + ")")}",
        };
    }
}
