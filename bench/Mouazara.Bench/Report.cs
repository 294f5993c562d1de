using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mouazara.Bench;

/// <summary>One round of an intake size: a floor burst and a product burst, measured one after the other.</summary>
sealed record IntakeRound(BurstRun Floor, BurstRun Product)
{
    public double Ratio => Measures.Ratio(Product.PerSecond, Floor.PerSecond);
}

/// <summary>Every round at one intake size; the one shown is the median round by ratio (with two, the less favourable).</summary>
sealed record IntakeSize(int Size, IReadOnlyList<IntakeRound> Rounds)
{
    public IntakeRound Shown => Rounds.OrderBy(r => r.Ratio).ElementAt((Rounds.Count - 1) / 2);
}

/// <summary>One round of a lifecycle size: floor and product, with the product's storage requests and the floor's per application.</summary>
sealed record LifeRound(LifecycleRun Floor, LifecycleRun Product, StorageReport Storage, double FloorRequestsPerApplication)
{
    public double Ratio => Measures.Ratio(Product.PerMinute, Floor.PerMinute);
}

/// <summary>Every round at one lifecycle size; the one shown is the median round by ratio (with two, the less favourable).</summary>
sealed record LifeSize(int Size, IReadOnlyList<LifeRound> Rounds)
{
    public LifeRound Shown => Rounds.OrderBy(r => r.Ratio).ElementAt((Rounds.Count - 1) / 2);
}

/// <summary>
/// Every figure in one JSON object, and the table printed from it. A verdict ("met", "flat") is true only when its
/// figures can be trusted: at least two rounds per side, every round meeting the target, nothing failed on either
/// side, and no measurement shared with other work beyond <see cref="MaxOtherShare"/> of the machine. Otherwise it is
/// false and the reasons are listed with it.
/// </summary>
static class Report
{
    const double IntakeTarget = 0.8;
    // Issue 14's goals: intake and lifecycle at 0.8 of their floors at every size, and no lifecycle stage above 1.5×
    // its floor at the headline size.
    const double LifecycleTarget = 0.8;
    const double StageLimit = 1.5;
    const double FlatWithin = 1.25;

    /// <summary>The share of the machine other work may take during a measurement before its verdict is void.</summary>
    public const double MaxOtherShare = 0.15;

    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, Options)!;

    /// <summary>Why the verdicts of a scenario cannot be trusted: failures, a busy machine, a single sample per side.</summary>
    static List<string> Doubts(BenchSettings settings, string scenario, IEnumerable<(int Size, int Round, string Side, int Failed, double OtherShare)> runs)
    {
        var doubts = new List<string>();
        if (settings.Repeats < BenchSettings.MinimumFullRepeats)
        {
            doubts.Add($"one sample per side (repeats {settings.Repeats})");
        }

        foreach (var run in runs)
        {
            var where = $"{scenario} {run.Size} round {run.Round} {run.Side}";
            if (run.Failed > 0)
            {
                doubts.Add($"{where}: {run.Failed} failed");
            }

            if (!(run.OtherShare <= MaxOtherShare))
            {
                doubts.Add(double.IsNaN(run.OtherShare)
                    ? $"{where}: what other work took could not be measured"
                    : $"{where}: other work took {run.OtherShare:P0} of the machine");
            }
        }

        return doubts;
    }

    /// <summary>Every round, at every size, whose product ÷ floor is under the target.</summary>
    static IEnumerable<string> Shortfalls(string scenario, IEnumerable<(int Size, IEnumerable<double> Ratios)> sizes, double target) =>
        sizes.SelectMany(s => s.Ratios.Select((ratio, i) => (s.Size, Round: i + 1, ratio)))
            .Where(x => !(x.ratio >= target))
            .Select(x => $"{scenario} {x.Size} round {x.Round}: {x.ratio:0.00}");

    /// <summary>A stage's median time, product ÷ floor.</summary>
    static double StageRatio(LifecycleRun product, LifecycleRun floor, string stage) =>
        Measures.Ratio(product.StageSeconds[stage].P50, floor.StageSeconds[stage].P50);

    public static JsonObject Build(BenchSettings settings, TimeSpan elapsed, List<IntakeSize> intakeSizes, List<LifeSize> lifeSizes, IdleReport idle, MemoryRun memory,
        List<SelectionRun> selection, string loadAtStart, string loadAtEnd)
    {
        var intake = intakeSizes.Select(s => (s.Shown.Floor, s.Shown.Product)).ToList();
        var lifecycles = lifeSizes.Select(s => (s.Shown.Floor, s.Shown.Product, s.Shown.Storage, s.Shown.FloorRequestsPerApplication)).ToList();
        var intakeHead = intake.First(r => r.Product.Size == settings.IntakeHeadline);
        var lifeHead = lifecycles.First(r => r.Product.Size == settings.LifecycleHeadline);
        var intakeRatio = Measures.Ratio(intakeHead.Product.PerSecond, intakeHead.Floor.PerSecond);
        var lifeRatio = Measures.Ratio(lifeHead.Product.PerMinute, lifeHead.Floor.PerMinute);
        var intakeRoundRatios = intakeSizes.First(s => s.Size == settings.IntakeHeadline).Rounds.Select(r => r.Ratio).ToList();
        var lifeRoundRatios = lifeSizes.First(s => s.Size == settings.LifecycleHeadline).Rounds.Select(r => r.Ratio).ToList();

        var intakeDoubts = Doubts(settings, "intake", intakeSizes.SelectMany(s => s.Rounds.SelectMany((r, i) => new[]
        {
            (s.Size, i + 1, "floor", r.Floor.Failed, r.Floor.OtherCpuShare), (s.Size, i + 1, "product", r.Product.Failed, r.Product.OtherCpuShare),
        })));
        var lifeDoubts = Doubts(settings, "lifecycle", lifeSizes.SelectMany(s => s.Rounds.SelectMany((r, i) => new[]
        {
            (s.Size, i + 1, "floor", r.Floor.Failed, r.Floor.OtherCpuShare), (s.Size, i + 1, "product", r.Product.Failed, r.Product.OtherCpuShare),
        })));
        var memoryDoubts = memory.Created == memory.Uploads ? new List<string>() : [$"memory: {memory.Uploads - memory.Created} of {memory.Uploads} uploads refused"];
        var intakeShort = Shortfalls("intake", intakeSizes.Select(s => (s.Size, s.Rounds.Select(r => r.Ratio))), IntakeTarget).ToList();
        var lifeShort = Shortfalls("lifecycle", lifeSizes.Select(s => (s.Size, s.Rounds.Select(r => r.Ratio))), LifecycleTarget).ToList();
        var headRun = lifeSizes.First(s => s.Size == settings.LifecycleHeadline).Shown;
        lifeShort.AddRange(LifecycleScenario.Stages
            .Select(stage => (stage, ratio: StageRatio(headRun.Product, headRun.Floor, stage)))
            .Where(x => !(x.ratio <= StageLimit))
            .Select(x => $"stage at {settings.LifecycleHeadline} {x.stage}: {x.ratio:0.00}× the floor"));
        var intakeMet = intakeDoubts.Count == 0 && intakeShort.Count == 0;
        var lifeMet = lifeDoubts.Count == 0 && lifeShort.Count == 0;

        static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode)i).ToArray());
        static JsonArray Numbers(IEnumerable<double> items) => new(items.Select(i => (JsonNode)i).ToArray());

        JsonObject IntakeRun((BurstRun Floor, BurstRun Product) r) => new()
        {
            ["size"] = r.Product.Size,
            ["product"] = Node(r.Product),
            ["floor"] = Node(r.Floor),
            ["ratio"] = Measures.Ratio(r.Product.PerSecond, r.Floor.PerSecond),
            ["rounds"] = new JsonArray(intakeSizes.First(s => s.Size == r.Product.Size).Rounds.Select(x => (JsonNode)new JsonObject
            {
                ["productPerSecond"] = x.Product.PerSecond,
                ["floorPerSecond"] = x.Floor.PerSecond,
                ["ratio"] = x.Ratio,
                ["productFailed"] = x.Product.Failed,
                ["floorFailed"] = x.Floor.Failed,
                ["productOtherCpuShare"] = x.Product.OtherCpuShare,
                ["floorOtherCpuShare"] = x.Floor.OtherCpuShare,
            }).ToArray()),
        };

        JsonObject LifeRun((LifecycleRun Floor, LifecycleRun Product, StorageReport Storage, double FloorRequests) r) => new()
        {
            ["size"] = r.Product.Size,
            ["product"] = Node(r.Product),
            ["floor"] = Node(r.Floor),
            ["ratio"] = Measures.Ratio(r.Product.PerMinute, r.Floor.PerMinute),
            ["stageTimeRatios"] = new JsonObject(LifecycleScenario.Stages.Select(s => KeyValuePair.Create(s,
                (JsonNode?)StageRatio(r.Product, r.Floor, s)))),
            ["storageRequestsPerApplication"] = new JsonObject
            {
                ["product"] = r.Storage.PerApplicationByOrigin.GetValueOrDefault("product"),
                ["engine"] = r.Storage.PerApplicationByOrigin.GetValueOrDefault("engine"),
                ["floorEngine"] = r.FloorRequests,
            },
            ["rounds"] = new JsonArray(lifeSizes.First(s => s.Size == r.Product.Size).Rounds.Select(x => (JsonNode)new JsonObject
            {
                ["productPerMinute"] = x.Product.PerMinute,
                ["floorPerMinute"] = x.Floor.PerMinute,
                ["ratio"] = x.Ratio,
                ["productFailed"] = x.Product.Failed,
                ["floorFailed"] = x.Floor.Failed,
                ["productOtherCpuShare"] = x.Product.OtherCpuShare,
                ["floorOtherCpuShare"] = x.Floor.OtherCpuShare,
            }).ToArray()),
        };

        var (small, large) = (intake.First(), intake.Last());
        var (lifeSmall, lifeLarge) = (lifecycles.First(), lifecycles.Last());
        double MsPer(BurstRun run) => run.PerSecond > 0 ? Measures.Round(1000 / run.PerSecond, 2) : double.NaN;
        double SecondsPer(LifecycleRun run) => run.PerMinute > 0 ? Measures.Round(60 / run.PerMinute, 3) : double.NaN;
        double Growth(double a, double b) => Measures.Ratio(b, a);
        double CpuMs(IReadOnlyDictionary<string, double> cpu, string process, int count) =>
            count > 0 && cpu.TryGetValue(process, out var seconds) ? Measures.Round(seconds * 1000 / count, 1) : double.NaN;
        bool Flat(List<string> doubts, params double[] growths) => doubts.Count == 0 && growths.All(g => double.IsFinite(g) && g <= FlatWithin && g >= 1 / FlatWithin);

        // Azurite slows as it stores more (it scans its in-memory tables), for the floor as much as for the product: a
        // time's growth is judged relative to the floor's growth between the same two sizes, like every time here.
        var intakeTimeGrowth = Growth(MsPer(small.Product), MsPer(large.Product));
        var intakeFloorTimeGrowth = Growth(MsPer(small.Floor), MsPer(large.Floor));
        var intakeRelativeGrowth = Measures.Ratio(intakeTimeGrowth, intakeFloorTimeGrowth);
        var intakeRequestGrowth = Growth(small.Product.RequestsPerSubmissionByOrigin.GetValueOrDefault("product"), large.Product.RequestsPerSubmissionByOrigin.GetValueOrDefault("product"));
        var lifeTimeGrowth = Growth(SecondsPer(lifeSmall.Product), SecondsPer(lifeLarge.Product));
        var lifeFloorTimeGrowth = Growth(SecondsPer(lifeSmall.Floor), SecondsPer(lifeLarge.Floor));
        var lifeRelativeGrowth = Measures.Ratio(lifeTimeGrowth, lifeFloorTimeGrowth);
        var lifeRequestGrowth = Growth(lifeSmall.Storage.PerApplicationByOrigin.GetValueOrDefault("product"), lifeLarge.Storage.PerApplicationByOrigin.GetValueOrDefault("product"));
        var lifeEngineGrowth = Growth(lifeSmall.Storage.PerApplicationByOrigin.GetValueOrDefault("engine"), lifeLarge.Storage.PerApplicationByOrigin.GetValueOrDefault("engine"));

        return new JsonObject
        {
            ["bench"] = "mouazara",
            ["mode"] = settings.Mode,
            ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["durationSeconds"] = Math.Round(elapsed.TotalSeconds),
            ["machine"] = new JsonObject
            {
                ["nproc"] = Environment.ProcessorCount,
                ["memoryGiB"] = Math.Round(Machine.MemTotalBytes() / (1024.0 * 1024 * 1024), 1),
                ["cpu"] = Machine.CpuModel(),
                ["loadAverageAtStart"] = loadAtStart,
                ["loadAverageAtEnd"] = loadAtEnd,
            },
            ["intake"] = new JsonObject
            {
                ["concurrency"] = settings.Concurrency,
                ["repeats"] = settings.Repeats,
                ["freshStackPerStep"] = settings.FreshPerStep,
                ["documentsPerSubmission"] = 2,
                ["documentKiB"] = 256,
                ["headlineSize"] = settings.IntakeHeadline,
                ["productPerSecond"] = intakeHead.Product.PerSecond,
                ["floorPerSecond"] = intakeHead.Floor.PerSecond,
                ["ratio"] = intakeRatio,
                ["roundRatios"] = Numbers(intakeRoundRatios),
                ["target"] = IntakeTarget,
                ["met"] = intakeMet,
                ["shortfalls"] = Strings(intakeShort),
                ["doubts"] = Strings(intakeDoubts),
                ["runs"] = new JsonArray(intake.Select(r => (JsonNode)IntakeRun(r)).ToArray()),
            },
            ["lifecycle"] = new JsonObject
            {
                ["headlineSize"] = settings.LifecycleHeadline,
                ["productPerMinute"] = lifeHead.Product.PerMinute,
                ["floorPerMinute"] = lifeHead.Floor.PerMinute,
                ["ratio"] = lifeRatio,
                ["roundRatios"] = Numbers(lifeRoundRatios),
                ["target"] = LifecycleTarget,
                ["stageLimit"] = StageLimit,
                ["met"] = lifeMet,
                ["shortfalls"] = Strings(lifeShort),
                ["doubts"] = Strings(lifeDoubts),
                // The floor's shape (Floor.cs), which mirrors the product's lifecycle.
                ["activities"] = 35,
                ["externalEvents"] = 15,
                ["timers"] = 15,
                ["runs"] = new JsonArray(lifecycles.Select(r => (JsonNode)LifeRun(r)).ToArray()),
            },
            ["storage"] = Node(lifeHead.Storage),
            ["prices"] = Node(Prices.Lines),
            ["growth"] = new JsonObject
            {
                ["flatWithin"] = FlatWithin,
                ["intake"] = new JsonObject
                {
                    ["sizes"] = new JsonArray(small.Product.Size, large.Product.Size),
                    ["msPerSubmission"] = new JsonArray(MsPer(small.Product), MsPer(large.Product)),
                    ["floorMsPerSubmission"] = new JsonArray(MsPer(small.Floor), MsPer(large.Floor)),
                    ["ratioToFloor"] = new JsonArray(Measures.Ratio(small.Product.PerSecond, small.Floor.PerSecond), Measures.Ratio(large.Product.PerSecond, large.Floor.PerSecond)),
                    ["productRequestsPerSubmission"] = new JsonArray(small.Product.RequestsPerSubmissionByOrigin.GetValueOrDefault("product"), large.Product.RequestsPerSubmissionByOrigin.GetValueOrDefault("product")),
                    ["engineRequestsPerSubmission"] = new JsonArray(small.Product.RequestsPerSubmissionByOrigin.GetValueOrDefault("engine"), large.Product.RequestsPerSubmissionByOrigin.GetValueOrDefault("engine")),
                    ["hostCpuMsPerSubmission"] = new JsonArray(CpuMs(small.Product.CpuSeconds, "host", small.Product.Accepted), CpuMs(large.Product.CpuSeconds, "host", large.Product.Accepted)),
                    ["azuriteCpuMsPerSubmission"] = new JsonArray(CpuMs(small.Product.CpuSeconds, "azurite", small.Product.Accepted), CpuMs(large.Product.CpuSeconds, "azurite", large.Product.Accepted)),
                    ["floorAzuriteCpuMsPerSubmission"] = new JsonArray(CpuMs(small.Floor.CpuSeconds, "azurite", small.Floor.Accepted), CpuMs(large.Floor.CpuSeconds, "azurite", large.Floor.Accepted)),
                    ["timeGrowth"] = intakeTimeGrowth,
                    ["floorTimeGrowth"] = intakeFloorTimeGrowth,
                    ["relativeTimeGrowth"] = intakeRelativeGrowth,
                    ["requestGrowth"] = intakeRequestGrowth,
                    ["flat"] = Flat(intakeDoubts, intakeRelativeGrowth, intakeRequestGrowth),
                },
                ["lifecycle"] = new JsonObject
                {
                    ["sizes"] = new JsonArray(lifeSmall.Product.Size, lifeLarge.Product.Size),
                    ["secondsPerApplication"] = new JsonArray(SecondsPer(lifeSmall.Product), SecondsPer(lifeLarge.Product)),
                    ["floorSecondsPerApplication"] = new JsonArray(SecondsPer(lifeSmall.Floor), SecondsPer(lifeLarge.Floor)),
                    ["ratioToFloor"] = new JsonArray(Measures.Ratio(lifeSmall.Product.PerMinute, lifeSmall.Floor.PerMinute), Measures.Ratio(lifeLarge.Product.PerMinute, lifeLarge.Floor.PerMinute)),
                    ["productRequestsPerApplication"] = new JsonArray(lifeSmall.Storage.PerApplicationByOrigin.GetValueOrDefault("product"), lifeLarge.Storage.PerApplicationByOrigin.GetValueOrDefault("product")),
                    ["engineRequestsPerApplication"] = new JsonArray(lifeSmall.Storage.PerApplicationByOrigin.GetValueOrDefault("engine"), lifeLarge.Storage.PerApplicationByOrigin.GetValueOrDefault("engine")),
                    ["hostCpuMsPerApplication"] = new JsonArray(CpuMs(lifeSmall.Product.CpuSeconds, "host", lifeSmall.Product.Completed), CpuMs(lifeLarge.Product.CpuSeconds, "host", lifeLarge.Product.Completed)),
                    ["azuriteCpuMsPerApplication"] = new JsonArray(CpuMs(lifeSmall.Product.CpuSeconds, "azurite", lifeSmall.Product.Completed), CpuMs(lifeLarge.Product.CpuSeconds, "azurite", lifeLarge.Product.Completed)),
                    ["floorAzuriteCpuMsPerApplication"] = new JsonArray(CpuMs(lifeSmall.Floor.CpuSeconds, "azurite", lifeSmall.Floor.Completed), CpuMs(lifeLarge.Floor.CpuSeconds, "azurite", lifeLarge.Floor.Completed)),
                    ["timeGrowth"] = lifeTimeGrowth,
                    ["floorTimeGrowth"] = lifeFloorTimeGrowth,
                    ["relativeTimeGrowth"] = lifeRelativeGrowth,
                    ["requestGrowth"] = lifeRequestGrowth,
                    ["engineRequestGrowth"] = lifeEngineGrowth,
                    ["flat"] = Flat(lifeDoubts, lifeRelativeGrowth, lifeRequestGrowth),
                },
            },
            ["memory"] = Node(memory),
            ["selection"] = Selection(selection),
            ["memoryDoubts"] = Strings(memoryDoubts),
        };
    }

    const double SelectionSecondsGoal = 5;
    const int SelectionGoalSize = 5000;

    /// <summary><c>--only selection</c>: the same header, and the selection scenario alone.</summary>
    public static JsonObject BuildSelectionOnly(BenchSettings settings, TimeSpan elapsed, List<SelectionRun> selection, string loadAtStart, string loadAtEnd) => new()
    {
        ["bench"] = "mouazara",
        ["mode"] = settings.Mode + "-selection",
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["durationSeconds"] = Math.Round(elapsed.TotalSeconds),
        ["machine"] = new JsonObject
        {
            ["nproc"] = Environment.ProcessorCount,
            ["memoryGiB"] = Math.Round(Machine.MemTotalBytes() / (1024.0 * 1024 * 1024), 1),
            ["cpu"] = Machine.CpuModel(),
            ["loadAverageAtStart"] = loadAtStart,
            ["loadAverageAtEnd"] = loadAtEnd,
        },
        ["selection"] = Selection(selection),
    };

    static JsonObject Selection(List<SelectionRun> runs)
    {
        var goal = runs.FirstOrDefault(r => r.Size == SelectionGoalSize);
        return new JsonObject
        {
            ["targets"] = Node(SelectionScenario.Targets),
            ["goalSize"] = SelectionGoalSize,
            ["goalSeconds"] = SelectionSecondsGoal,
            ["goalMet"] = goal is null ? null : goal.Status == "optimal" && goal.Seconds < SelectionSecondsGoal,
            ["runs"] = Node(runs),
        };
    }

    static void SelectionTable(JsonObject r, StringBuilder t)
    {
        var selection = r["selection"];
        if (selection is null)
        {
            return;
        }

        string S(JsonNode? n) => n?.ToString() ?? "-";
        int[] widths = [9, 10, 10, 11, 11, 22, 22, 13, 18];
        void Row(params string[] cells) => t.AppendLine("  " + cells[0].PadRight(16) + string.Concat(cells.Skip(1).Select((c, k) => c.PadLeft(widths[k]))));
        var targets = selection["targets"]!;
        t.AppendLine($"6. Selection — CP-SAT (two phases: fewest projects short of the targets, then highest total score) against a greedy baseline (best score first while a funder has money); targets women-led ≥ {S(targets["womenLedMin"])}, rural ≥ {S(targets["ruralMin"])}, ≥ {S(targets["perRegionMin"])} per region, sector ≤ {S(targets["sectorMaxShare"])}, score ≥ {S(targets["scoreMin"])}");
        Row("size / side", "seconds", "status", "selected", "score", "shortfall", "women-led", "rural", "regions met", "largest sector");
        foreach (var run in selection["runs"]!.AsArray())
        {
            var a = run!["attainment"]!;
            var g = run["greedyAttainment"]!;
            Row($"{run["size"]} CP-SAT", S(run["seconds"]), S(run["status"]), S(run["selected"]), S(run["score"]), S(run["shortfall"]), S(a["womenLed"]), S(a["rural"]), S(a["regions"]), S(a["largestSector"]));
            Row($"{run["size"]} greedy", "", "", S(run["greedySelected"]), S(run["greedyScore"]), S(run["greedyShortfall"]), S(g["womenLed"]), S(g["rural"]), S(g["regions"]), S(g["largestSector"]));
            t.AppendLine($"    {run["selectable"]} of {run["size"]} score at least the minimum; phases {string.Join(" + ", run["phases"]!.AsArray().Select(S))}; score bound {S(run["scoreBound"])}; checks, reasons and output {S(run["explainSeconds"])} s");
        }

        var met = selection["goalMet"];
        t.AppendLine($"  goal: {selection["goalSize"]} applications proven optimal in under {selection["goalSeconds"]} s: {(met is null ? "not run" : met.GetValue<bool>() ? "MET" : "NOT MET")}");
    }

    public static string Table(JsonObject r)
    {
        var t = new StringBuilder();
        string F(JsonNode? n, string format = "0.##") => n is null ? "-" : n.GetValueKind() == JsonValueKind.Number
            ? double.Parse(n.ToJsonString(), CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture) : n.ToString();
        double D(JsonNode? n) => n is null ? double.NaN : double.Parse(n.ToJsonString(), CultureInfo.InvariantCulture);
        string Met(JsonNode? n) => n?.GetValue<bool>() == true ? "MET" : "NOT MET";
        void Line(string text = "") => t.AppendLine(text);
        void Row(params string[] cells) => Line("  " + cells[0].PadRight(50) + string.Concat(cells.Skip(1).Select(c => c.PadLeft(12))));
        string Cpu(JsonNode? n) => n is null ? "-" : "  " + string.Join("/", new[] { "host", "azurite", "bench" }.Select(k => F(n[k], "0.0")));
        string Ratios(JsonNode? n) => n is null ? "-" : string.Join(", ", n.AsArray().Select(x => F(x, "0.00")));
        void ShortLines(JsonNode? n)
        {
            foreach (var shortfall in n?.AsArray() ?? [])
            {
                Line("    short: " + shortfall);
            }
        }

        void Doubts(JsonNode? n)
        {
            foreach (var doubt in n?.AsArray() ?? [])
            {
                Line("    not judged: " + doubt);
            }
        }

        var machine = r["machine"]!;
        Line($"Mouazara bench — {r["mode"]} run, {r["date"]}, {F(r["durationSeconds"], "0")} s, {machine["nproc"]} cores, {machine["memoryGiB"]} GiB, {machine["cpu"]}");
        Line($"  load average (1/5/15 min) at start {machine["loadAverageAtStart"]}, at end {machine["loadAverageAtEnd"]}: other work on the machine shares its 2 cores");
        Line();
        if (r["intake"] is null)
        {
            SelectionTable(r, t);
            return t.ToString();
        }

        var intake = r["intake"]!;
        Line($"1. Intake burst — generic webhook, two 256 KB PDFs per submission, concurrency {intake["concurrency"]}, {intake["repeats"]} rounds of floor and product in alternating order (the median round by ratio shown)");
        Row("size / side", "accepted/s", "p50 ms", "p95 ms", "p99 ms", "failed", "req/subm.", "cpu s h/a/b");
        foreach (var run in intake["runs"]!.AsArray())
        {
            foreach (var side in new[] { "product", "floor" })
            {
                var s = run![side]!;
                Row($"{run["size"]} {side}", F(s["perSecond"]), F(s["latencyMs"]!["p50"]), F(s["latencyMs"]!["p95"]), F(s["latencyMs"]!["p99"]), F(s["failed"]), F(s["requestsPerSubmission"], "0.0"), Cpu(s["cpuSeconds"]));
            }

            Row($"{run!["size"]} product ÷ floor", F(run["ratio"], "0.00"));
        }

        Line("  (req/subm.: storage requests per submission, the orchestration's first steps included; cpu s: CPU seconds of host/Azurite/bench+floor during the burst)");
        Line($"  headline ({intake["headlineSize"]}): product ÷ floor = {F(intake["ratio"], "0.00")} (rounds {Ratios(intake["roundRatios"])}), goal ≥ {intake["target"]} in every round at every size: {Met(intake["met"])}");
        ShortLines(intake["shortfalls"]);
        Doubts(intake["doubts"]);
        Line();

        var life = r["lifecycle"]!;
        Line($"2. Whole lifecycle — webhook to closed through {life["activities"]} activities, {life["externalEvents"]} external events, {life["timers"]} timers per application; {intake["repeats"]} rounds in alternating order (the median round by ratio shown)");
        Row("size / side", "apps/min", "completed", "failed", "seconds", "req/app", "cpu s h/a/b");
        foreach (var run in life["runs"]!.AsArray())
        {
            var requests = run!["storageRequestsPerApplication"]!;
            Row($"{run["size"]} product", F(run["product"]!["perMinute"]), F(run["product"]!["completed"]), F(run["product"]!["failed"]), F(run["product"]!["seconds"], "0.0"),
                F(D(requests["product"]) + D(requests["engine"]), "0"), Cpu(run["product"]!["cpuSeconds"]));
            Row($"{run["size"]} floor", F(run["floor"]!["perMinute"]), F(run["floor"]!["completed"]), F(run["floor"]!["failed"]), F(run["floor"]!["seconds"], "0.0"), F(requests["floorEngine"], "0"), Cpu(run["floor"]!["cpuSeconds"]));
            Row($"{run["size"]} product ÷ floor", F(run["ratio"], "0.00"));
        }

        var head = life["runs"]!.AsArray().First(x => x!["size"]!.GetValue<int>() == life["headlineSize"]!.GetValue<int>())!;
        Line($"  time per stage at {life["headlineSize"]} (p50 seconds; ratio = product ÷ floor, lower is better):");
        Row("stage", "product", "floor", "ratio");
        foreach (var stage in LifecycleScenario.Stages)
        {
            Row(stage, F(head["product"]!["stageSeconds"]![stage]!["p50"]), F(head["floor"]!["stageSeconds"]![stage]!["p50"]), F(head["stageTimeRatios"]![stage], "0.00"));
        }

        Line($"  headline ({life["headlineSize"]}): product ÷ floor = {F(life["ratio"], "0.00")} (rounds {Ratios(life["roundRatios"])}), goal ≥ {life["target"]} in every round at every size and no stage above {life["stageLimit"]}×: {Met(life["met"])}");
        ShortLines(life["shortfalls"]);
        Doubts(life["doubts"]);
        Line();

        var storage = r["storage"]!;
        Line($"3. Storage requests per application — {storage["applications"]} whole lifecycles, counted in the host by origin, service and operation");
        Row("origin service operation [resource]", "per app", "$ per 1,000");
        foreach (var line in storage["perApplication"]!.AsArray().Where(l => D(l!["count"]) >= 0.5))
        {
            Row($"{line!["origin"]} {line["service"]} {line["operation"]} [{line["resource"]}]".Replace(" []", "", StringComparison.Ordinal), F(line["count"], "0.0"),
                F(D(line["usd"]) * 1000, "0.0000"));
        }

        foreach (var (origin, count) in storage["perApplicationByOrigin"]!.AsObject())
        {
            Row($"total {origin}", F(count, "0.0"), F(storage["usdPer1000ByOrigin"]![origin], "0.0000"));
        }

        Row("total", F(storage["perApplicationByOrigin"]!.AsObject().Sum(kv => D(kv.Value)), "0.0"), F(storage["usdPer1000"], "0.0000"));
        var idle = storage["idle"]!;
        Line($"  idle polling (nothing in flight): {F(idle["requestsPerMinute"], "0")} requests per idle minute = ${F(idle["usdPer30Days"], "0.00")} per 30 days");
        foreach (var (name, perMinute) in idle["perMinuteByOperation"]!.AsObject().Take(6))
        {
            Row("  " + name, F(perMinute, "0.0") + "/min");
        }

        var ours = storage["largestOursByRequests"];
        var oursUsd = storage["largestOursByDollars"];
        Line($"  largest of ours by requests: {ours?["operation"]} on {ours?["resource"]} ({F(ours?["count"], "0.0")}/app); by dollars: {oursUsd?["operation"]} on {oursUsd?["resource"]}");
        Line($"  prices: {storage["priceBasis"]}");
        Line();

        var growth = r["growth"]!;
        Line($"4. Growth — per-application time (relative to the floor's) and requests at two sizes (flat = within ×{growth["flatWithin"]})");
        var gi = growth["intake"]!;
        Row("intake (submissions)", F(gi["sizes"]![0]), F(gi["sizes"]![1]), "growth");
        Row("  ms per submission (1 / throughput)", F(gi["msPerSubmission"]![0]), F(gi["msPerSubmission"]![1]), F(gi["timeGrowth"], "0.00"));
        Row("  floor ms per submission", F(gi["floorMsPerSubmission"]![0]), F(gi["floorMsPerSubmission"]![1]), F(gi["floorTimeGrowth"], "0.00"));
        Row("  product ÷ floor", F(gi["ratioToFloor"]![0], "0.00"), F(gi["ratioToFloor"]![1], "0.00"));
        Row("  product's time growth ÷ floor's", "", "", F(gi["relativeTimeGrowth"], "0.00"));
        Row("  product requests per submission", F(gi["productRequestsPerSubmission"]![0], "0.0"), F(gi["productRequestsPerSubmission"]![1], "0.0"), F(gi["requestGrowth"], "0.00"));
        Row("  engine requests per submission", F(gi["engineRequestsPerSubmission"]![0], "0.0"), F(gi["engineRequestsPerSubmission"]![1], "0.0"));
        Row("  host CPU ms per submission", F(gi["hostCpuMsPerSubmission"]![0], "0.0"), F(gi["hostCpuMsPerSubmission"]![1], "0.0"), F(Measures.Ratio(D(gi["hostCpuMsPerSubmission"]![1]), D(gi["hostCpuMsPerSubmission"]![0])), "0.00"));
        Row("  Azurite CPU ms per submission (product)", F(gi["azuriteCpuMsPerSubmission"]![0], "0.0"), F(gi["azuriteCpuMsPerSubmission"]![1], "0.0"), F(Measures.Ratio(D(gi["azuriteCpuMsPerSubmission"]![1]), D(gi["azuriteCpuMsPerSubmission"]![0])), "0.00"));
        Row("  Azurite CPU ms per submission (floor)", F(gi["floorAzuriteCpuMsPerSubmission"]![0], "0.0"), F(gi["floorAzuriteCpuMsPerSubmission"]![1], "0.0"), F(Measures.Ratio(D(gi["floorAzuriteCpuMsPerSubmission"]![1]), D(gi["floorAzuriteCpuMsPerSubmission"]![0])), "0.00"));
        Line($"  intake flat: {(gi["flat"]!.GetValue<bool>() ? "yes" : "no")}");
        var gl = growth["lifecycle"]!;
        Row("lifecycle (applications)", F(gl["sizes"]![0]), F(gl["sizes"]![1]), "growth");
        Row("  seconds per application (1 / throughput)", F(gl["secondsPerApplication"]![0], "0.000"), F(gl["secondsPerApplication"]![1], "0.000"), F(gl["timeGrowth"], "0.00"));
        Row("  floor seconds per application", F(gl["floorSecondsPerApplication"]![0], "0.000"), F(gl["floorSecondsPerApplication"]![1], "0.000"), F(gl["floorTimeGrowth"], "0.00"));
        Row("  product ÷ floor", F(gl["ratioToFloor"]![0], "0.00"), F(gl["ratioToFloor"]![1], "0.00"));
        Row("  product's time growth ÷ floor's", "", "", F(gl["relativeTimeGrowth"], "0.00"));
        Row("  product requests per application", F(gl["productRequestsPerApplication"]![0], "0.0"), F(gl["productRequestsPerApplication"]![1], "0.0"), F(gl["requestGrowth"], "0.00"));
        Row("  engine requests per application", F(gl["engineRequestsPerApplication"]![0], "0.0"), F(gl["engineRequestsPerApplication"]![1], "0.0"), F(gl["engineRequestGrowth"], "0.00"));
        Row("  host CPU ms per application", F(gl["hostCpuMsPerApplication"]![0], "0.0"), F(gl["hostCpuMsPerApplication"]![1], "0.0"), F(Measures.Ratio(D(gl["hostCpuMsPerApplication"]![1]), D(gl["hostCpuMsPerApplication"]![0])), "0.00"));
        Row("  Azurite CPU ms per application (product)", F(gl["azuriteCpuMsPerApplication"]![0], "0.0"), F(gl["azuriteCpuMsPerApplication"]![1], "0.0"), F(Measures.Ratio(D(gl["azuriteCpuMsPerApplication"]![1]), D(gl["azuriteCpuMsPerApplication"]![0])), "0.00"));
        Row("  Azurite CPU ms per application (floor)", F(gl["floorAzuriteCpuMsPerApplication"]![0], "0.0"), F(gl["floorAzuriteCpuMsPerApplication"]![1], "0.0"), F(Measures.Ratio(D(gl["floorAzuriteCpuMsPerApplication"]![1]), D(gl["floorAzuriteCpuMsPerApplication"]![0])), "0.00"));
        Line($"  lifecycle flat: {(gl["flat"]!.GetValue<bool>() ? "yes" : "no")}");
        Line();

        var memory = r["memory"]!;
        Line($"5. Memory — {memory["uploads"]} uploads of {F(memory["fileMiB"])} MiB at once through upload links ({memory["created"]} accepted in {F(memory["seconds"])} s)");
        Row("", "idle MiB", "peak MiB", "growth MiB");
        Row("working set (RSS)", F(memory["idleRssMiB"], "0.0"), F(memory["peakRssMiB"], "0.0"), F(memory["rssGrowthMiB"], "0.0"));
        Row("managed heap", F(memory["idleHeapMiB"], "0.0"), F(memory["peakHeapMiB"], "0.0"), F(memory["heapGrowthMiB"], "0.0"));
        Line($"  peak from {memory["peakSource"]}; target growth < {memory["targetMiB"]} MiB with every upload accepted: {Met(memory["met"])}");
        Doubts(r["memoryDoubts"]);
        Line();
        SelectionTable(r, t);
        return t.ToString();
    }
}
