using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Mouazara.Selection;
using Mouazara.Testing;

namespace Mouazara.Bench;

/// <summary>
/// <c>./bench.sh [--quick]</c>: five scenarios against the local host, each time a ratio to a floor measured in the
/// same run; a readable table, then one JSON line with every figure. docs/performance.md explains each number.
/// </summary>
static class BenchProgram
{
    static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static async Task<int> Main(string[] args)
    {
        var settings = BenchSettings.Parse(args);
        if (settings.Only == "selection")
        {
            return SelectionOnly(settings);
        }

        try
        {
            if (settings.Only == "idle")
            {
                return await IdleOnlyAsync(settings);
            }

            if (settings.Only == "intake")
            {
                return await IntakeOnlyAsync(settings);
            }

            if (settings.Only == "lifecycle")
            {
                return await LifecycleOnlyAsync(settings);
            }

            return await RunAsync(settings);
        }
        catch (BenchFailedException e)
        {
            // A figure that cannot be trusted is not printed at all: no table, no JSON, a non-zero exit.
            Children.StopAll();
            Progress("bench failed: " + e.Message);
            return 2;
        }
    }

    static async Task<int> RunAsync(BenchSettings settings)
    {
        var (root, runId, output) = Workspace();
        var loadAtStart = Machine.LoadAverage();

        // 6. Selection first: pure computation, measured before any emulator or host runs beside it.
        var selection = RunSelection(settings);
        Progress($"Mouazara bench ({settings.Mode}): intake {string.Join("/", settings.IntakeSizes)}, lifecycles {string.Join("/", settings.LifecycleSizes)}, each ×{settings.Repeats}, idle {settings.IdleSeconds} s; load average {loadAtStart}");
        if (Machine.LoadAverage1() > Environment.ProcessorCount * Report.MaxOtherShare * 2)
        {
            Progress($"warning: the machine is busy (load average {loadAtStart} on {Environment.ProcessorCount} cores); every measurement records what other work took, and verdicts are void where it took more than {Report.MaxOtherShare:P0}");
        }

        using var stop = Children.StopOnSignal();
        await using var sink = await MailSink.StartAsync();
        var pdf256 = TestFiles.PdfOfSize(256 * 1024);
        var step = 0;

        // In a full run every measurement starts from empty storage (a fresh Azurite, host and floor): the emulator's
        // cost per request grows with what it holds (docs/performance.md). A quick run stores little and shares one
        // stack, to stay under three minutes.
        Stack? shared = null;
        async Task<StackUse> Fresh(string what)
        {
            if (!settings.FreshPerStep && shared is not null)
            {
                return new StackUse(shared, owned: false);
            }

            var stack = await Stack.StartAsync(settings, root, output, sink, $"{runId}s{step++}");
            Progress($"{what}: {(settings.FreshPerStep ? "fresh" : "one")} stack — host pid {stack.Host.ProcessId}, Azurite {(settings.SharedAzurite ? "shared" : "pid " + stack.Azurite.ProcessId)}, warmed up");
            if (!settings.FreshPerStep)
            {
                shared = stack;
                return new StackUse(stack, owned: false);
            }

            return new StackUse(stack, owned: true);
        }

        IdleReport idle;
        MemoryRun memory;
        await using (var use = await Fresh("idle and memory"))
        {
            var stack = use.Stack;

            // 3a. Idle: nothing in flight but the engine's own polling and leases.
            idle = await StorageScenario.IdleAsync(stack.Driver, TimeSpan.FromSeconds(settings.IdleSeconds), stack.Host.Prefix, stack.Host.TaskHub);
            Progress($"idle: {idle.RequestsPerMinute} requests per minute");

            // 5. Memory, on a host that has done nothing heavy yet.
            memory = await MemoryScenario.RunAsync(stack.Host, stack.Driver, sink, stack.IntakeEdition, stack.RunId);
            Progress($"memory: growth {memory.RssGrowthMiB} MiB working set, {memory.HeapGrowthMiB} MiB managed heap ({memory.Created}/{memory.Uploads} uploads)");
        }

        // 1 and 4. Intake bursts. Floor and product alternate, in ABBA order over the rounds (so that each side gets an
        // early and a late turn); a round is one floor burst and one product burst.
        var intake = new List<IntakeSize>();
        foreach (var size in settings.IntakeSizes)
        {
            var rounds = new List<IntakeRound>();
            for (var round = 0; round < settings.Repeats; round++)
            {
                BurstRun? f = null, p = null;
                foreach (var floorTurn in FloorFirst(round) ? new[] { true, false } : [false, true])
                {
                    // In a full run each side starts from empty storage, so that neither pays for what the other stored.
                    await using var use = await Fresh($"intake {size} round {round + 1} {(floorTurn ? "floor" : "product")}");
                    var stack = use.Stack;
                    if (floorTurn)
                    {
                        f = await IntakeScenario.FloorAsync(stack.Floor, pdf256, stack.IntakeEdition, $"{stack.RunId}r{round}", size, settings.Concurrency, stack.Cpu);
                        Progress($"intake floor   {size}: {f.PerSecond}/s p95 {f.LatencyMs.P95} ms ({f.Failed} failed), cpu s {Cpu(f.CpuSeconds)}, other work {f.OtherCpuShare:P0}");
                    }
                    else
                    {
                        p = await IntakeScenario.ProductAsync(stack.Driver, sink, stack.Template, $"{stack.RunId}r{round}", size, settings.Concurrency, stack.Cpu);
                        Progress($"intake product {size}: {p.PerSecond}/s p95 {p.LatencyMs.P95} ms ({p.Failed} failed), cpu s {Cpu(p.CpuSeconds)}, other work {p.OtherCpuShare:P0}");
                    }
                }

                rounds.Add(new IntakeRound(f!, p!));
            }

            intake.Add(new IntakeSize(size, rounds));
        }

        // 2, 3 and 4. Lifecycles, floor and product alternating ABBA over the rounds at each size, as for intake.
        var lifecycles = await LifecyclesAsync(settings, Fresh, sink, idle);

        if (shared is not null)
        {
            await shared.DisposeAsync();
        }

        await Stack.StopRetiredAsync();

        var results = Report.Build(settings, Clock.Elapsed, intake, lifecycles, idle, memory, selection, loadAtStart, Machine.LoadAverage());
        var json = results.ToJsonString(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });
        await File.WriteAllTextAsync(Path.Combine(output, $"bench-{settings.Mode}.json"), json + Environment.NewLine);
        var table = Report.Table(results);
        await File.WriteAllTextAsync(Path.Combine(output, $"bench-{settings.Mode}.txt"), table + Environment.NewLine + json + Environment.NewLine);
        Console.WriteLine(table);
        Console.WriteLine(json);
        return 0;
    }

    /// <summary><c>--only selection</c>: the selection scenario alone; no Azurite, no host.</summary>
    static int SelectionOnly(BenchSettings settings)
    {
        var loadAtStart = Machine.LoadAverage();
        var runs = RunSelection(settings);
        var results = Report.BuildSelectionOnly(settings, Clock.Elapsed, runs, loadAtStart, Machine.LoadAverage());
        var json = results.ToJsonString(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });
        var output = Path.Combine(Machine.RepoRoot, ".local", "bench");
        Directory.CreateDirectory(output);
        var table = Report.Table(results);
        File.WriteAllText(Path.Combine(output, $"bench-{settings.Mode}-selection.txt"), table + Environment.NewLine + json + Environment.NewLine);
        Console.WriteLine(table);
        Console.WriteLine(json);
        return 0;
    }

    /// <summary><c>--only idle</c>: the engine's idle cost under the local and the production timing, one host each.</summary>
    static async Task<int> IdleOnlyAsync(BenchSettings settings)
    {
        var (root, runId, output) = Workspace();
        using var stop = Children.StopOnSignal();
        await using var sink = await MailSink.StartAsync();
        await using var azurite = settings.SharedAzurite ? PrivateAzurite.Shared() : await PrivateAzurite.StartAsync(root);
        Children.Add(azurite.Process);

        var runs = new List<IdleProfileRun>();
        foreach (var profile in new[] { "local", "production" })
        {
            var run = await IdleScenario.RunAsync(root, azurite.ConnectionString, sink, profile, TimeSpan.FromSeconds(settings.IdleSeconds), runId, output);
            Progress($"idle {profile}: {run.Idle.RequestsPerMinute} requests per minute ({run.RequestsPerHour} per hour), wake-up p50 {run.WakeUpMedianSeconds} s, max {run.WakeUpMaxSeconds} s");
            runs.Add(run);
        }

        var lines = new List<string> { $"Idle engine, {settings.IdleSeconds} s per profile (Local:EngineTiming; production = src/Mouazara.Functions/host.json)" };
        lines.Add($"  {"profile",-12}{"requests/min",14}{"requests/hour",15}{"$ per 30 days",15}{"wake-up p50 s",15}{"max s",8}");
        foreach (var run in runs)
        {
            lines.Add($"  {run.Profile,-12}{run.Idle.RequestsPerMinute,14}{run.RequestsPerHour,15}{run.Idle.UsdPer30Days,15}{run.WakeUpMedianSeconds,15}{run.WakeUpMaxSeconds,8}");
            foreach (var (operation, perMinute) in run.Idle.PerMinuteByOperation.Take(6))
            {
                lines.Add($"      {operation,-48}{perMinute,8}/min");
            }
        }

        var table = string.Join(Environment.NewLine, lines);
        var json = JsonSerializer.Serialize(runs, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await File.WriteAllTextAsync(Path.Combine(output, "bench-idle.txt"), table + Environment.NewLine + json + Environment.NewLine);
        Console.WriteLine(table);
        Console.WriteLine(json);
        return 0;
    }

    /// <summary>CPU milliseconds per accepted submission during a burst, by process.</summary>
    /// <summary>Every lifecycle size, floor and product alternating ABBA over the rounds, each measurement on the stack <paramref name="fresh"/> gives.</summary>
    static async Task<List<LifeSize>> LifecyclesAsync(BenchSettings settings, Func<string, Task<StackUse>> fresh, MailSink sink, IdleReport idle)
    {
        var lifecycles = new List<LifeSize>();
        foreach (var size in settings.LifecycleSizes)
        {
            var timeout = TimeSpan.FromSeconds(Math.Max(120, size * 6));
            var rounds = new List<LifeRound>();
            for (var round = 0; round < settings.Repeats; round++)
            {
                LifecycleRun? f = null, p = null;
                StorageReport? storage = null;
                var floorRequests = 0.0;
                foreach (var floorTurn in FloorFirst(round) ? new[] { true, false } : [false, true])
                {
                    await using var use = await fresh($"lifecycles {size} round {round + 1} {(floorTurn ? "floor" : "product")}");
                    var stack = use.Stack;
                    if (floorTurn)
                    {
                        var floorBefore = FloorStack.Requests();
                        f = await LifecycleScenario.RunAsync("floor", new LifecycleScenario.FloorActors(stack.Floor, $"{stack.RunId}n{size}r{round}"), size, settings.Concurrency, timeout, stack.Cpu);
                        await Task.Delay(TimeSpan.FromSeconds(3));
                        var floorSpent = Measures.Difference(floorBefore, FloorStack.Requests());
                        floorRequests = f.Completed == 0 ? 0 : Measures.Round(floorSpent.Sum(c => c.Count) / (double)f.Completed, 1);
                        Progress($"lifecycle floor   {size}: {f.PerMinute}/min ({f.Failed} failed), cpu s {Cpu(f.CpuSeconds)}, other work {f.OtherCpuShare:P0}");
                    }
                    else
                    {
                        var before = await stack.Driver.StorageRequestsAsync();
                        var window = Stopwatch.StartNew();
                        p = await LifecycleScenario.RunAsync("product", new LifecycleScenario.ProductActors(stack.Driver, sink, $"{stack.RunId}n{size}r{round}"), size, settings.Concurrency, timeout, stack.Cpu);
                        await Task.Delay(TimeSpan.FromSeconds(3));
                        var spent = Measures.Difference(before, await stack.Driver.StorageRequestsAsync());
                        storage = StorageScenario.PerApplication(spent, p.Completed, window.Elapsed.TotalSeconds, idle, stack.Host.Prefix, stack.Host.TaskHub);
                        Progress($"lifecycle product {size}: {p.PerMinute}/min ({p.Failed} failed), {storage.PerApplicationByOrigin.Values.Sum()} storage requests per application, cpu s {Cpu(p.CpuSeconds)}, other work {p.OtherCpuShare:P0}");
                    }
                }

                foreach (var failure in p!.Failures.Concat(f!.Failures))
                {
                    Progress("  failed: " + failure);
                }

                rounds.Add(new LifeRound(f, p, storage!, floorRequests));
            }

            lifecycles.Add(new LifeSize(size, rounds));
        }

        return lifecycles;
    }

    /// <summary>
    /// <c>--only lifecycle</c>: the whole lifecycles alone (floor and product ABBA over the rounds, a fresh stack per
    /// measurement as in a full run), with each stage's ratio and the product's largest storage lines per application:
    /// for comparing two builds without the intake bursts.
    /// </summary>
    static async Task<int> LifecycleOnlyAsync(BenchSettings settings)
    {
        var (root, runId, output) = Workspace();
        var loadAtStart = Machine.LoadAverage();
        Progress($"Mouazara bench (lifecycle only): {string.Join("/", settings.LifecycleSizes)}, each ×{settings.Repeats}; load average {loadAtStart}");
        using var stop = Children.StopOnSignal();
        await using var sink = await MailSink.StartAsync();
        var step = 0;
        async Task<StackUse> Fresh(string what)
        {
            var stack = await Stack.StartAsync(settings, root, output, sink, $"{runId}s{step++}");
            Progress($"{what}: fresh stack — host pid {stack.Host.ProcessId}, Azurite {(settings.SharedAzurite ? "shared" : "pid " + stack.Azurite.ProcessId)}, warmed up");
            return new StackUse(stack, owned: true);
        }

        // No idle window in this mode: the per-application figures do not use it.
        var noIdle = new IdleReport(0, 0, new Dictionary<string, double>(), 0);
        var lifecycles = await LifecyclesAsync(settings, Fresh, sink, noIdle);
        await Stack.StopRetiredAsync();

        var lines = new List<string> { $"Whole lifecycles only, concurrency {settings.Concurrency}, ×{settings.Repeats} rounds; load average at start {loadAtStart}, at end {Machine.LoadAverage()}" };
        foreach (var size in lifecycles)
        {
            var shown = size.Shown;
            lines.Add($"  {size.Size,4}  product ÷ floor by round {string.Join(", ", size.Rounds.Select(r => r.Ratio.ToString("0.00", CultureInfo.InvariantCulture)))} " +
                $"(product {string.Join(", ", size.Rounds.Select(r => r.Product.PerMinute))}/min; floor {string.Join(", ", size.Rounds.Select(r => r.Floor.PerMinute))}/min; " +
                $"other work {string.Join(", ", size.Rounds.Select(r => $"{r.Product.OtherCpuShare:P0}/{r.Floor.OtherCpuShare:P0}"))})");
            foreach (var (stage, latency) in shown.Product.StageSeconds)
            {
                var floor = shown.Floor.StageSeconds[stage].P50;
                lines.Add($"        stage p50 {latency.P50,6:0.00} s ÷ {floor,6:0.00} s = {Measures.Ratio(latency.P50, floor),5:0.00}  {stage}");
            }

            lines.Add($"        storage requests per application: {string.Join(", ", shown.Storage.PerApplicationByOrigin.Select(kv => $"{kv.Key} {kv.Value}"))}; floor {shown.FloorRequestsPerApplication}");
            // Every line of ours down to one request in two applications, and the engine's largest.
            foreach (var line in shown.Storage.PerApplication.Where(l => l.Origin == "product" && l.Count >= 0.5)
                .Concat(shown.Storage.PerApplication.Where(l => l.Origin == "engine").Take(12)))
            {
                lines.Add($"        {line.Count,7:0.0}  {line.Origin} {line.Service} {line.Operation} [{line.Resource}]");
            }
        }

        var table = string.Join(Environment.NewLine, lines);
        await File.WriteAllTextAsync(Path.Combine(output, "bench-lifecycle.txt"), table + Environment.NewLine);
        Console.WriteLine(table);
        return 0;
    }

    static string CpuPerItem(BurstRun run) =>
        "CPU ms per submission " + string.Join(", ", run.CpuSeconds.Select(kv => $"{kv.Key} {kv.Value * 1000 / Math.Max(1, run.Accepted):0}"));

    /// <summary>
    /// <c>--only intake</c>: the intake bursts alone (floor and product ABBA over the rounds, a fresh stack per burst as in
    /// a full run), for comparing two builds back to back without the lifecycles' half hour.
    /// </summary>
    static async Task<int> IntakeOnlyAsync(BenchSettings settings)
    {
        var (root, runId, output) = Workspace();
        var loadAtStart = Machine.LoadAverage();
        Progress($"Mouazara bench (intake only): {string.Join("/", settings.IntakeSizes)}, each ×{settings.Repeats}; load average {loadAtStart}");
        using var stop = Children.StopOnSignal();
        await using var sink = await MailSink.StartAsync();
        var pdf256 = TestFiles.PdfOfSize(256 * 1024);
        var step = 0;
        var lines = new List<string>();
        foreach (var size in settings.IntakeSizes)
        {
            var floors = new List<BurstRun>();
            var products = new List<BurstRun>();
            for (var round = 0; round < settings.Repeats; round++)
            {
                foreach (var floorTurn in FloorFirst(round) ? new[] { true, false } : [false, true])
                {
                    await using var stack = await Stack.StartAsync(settings, root, output, sink, $"{runId}s{step++}");
                    if (floorTurn)
                    {
                        var f = await IntakeScenario.FloorAsync(stack.Floor, pdf256, stack.IntakeEdition, $"{stack.RunId}r{round}", size, settings.Concurrency, stack.Cpu);
                        Progress($"intake floor   {size}: {f.PerSecond}/s p95 {f.LatencyMs.P95} ms ({f.Failed} failed), load {f.LoadAverage}, other work {f.OtherCpuShare:P0}, {CpuPerItem(f)}");
                        floors.Add(f);
                    }
                    else
                    {
                        var p = await IntakeScenario.ProductAsync(stack.Driver, sink, stack.Template, $"{stack.RunId}r{round}", size, settings.Concurrency, stack.Cpu);
                        Progress($"intake product {size}: {p.PerSecond}/s p95 {p.LatencyMs.P95} ms ({p.Failed} failed), load {p.LoadAverage}, other work {p.OtherCpuShare:P0}, {CpuPerItem(p)}");
                        products.Add(p);
                    }
                }
            }

            static double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToList();
                return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
            }

            var (floor, product) = (Median(floors.Select(r => r.PerSecond)), Median(products.Select(r => r.PerSecond)));
            var byOrigin = string.Join(" ", products[0].RequestsPerSubmissionByOrigin.Select(kv => $"{kv.Key} {kv.Value:0.0}"));
            lines.Add($"  {size,5}  product {product,7:0.00}/s  floor {floor,7:0.00}/s  product ÷ floor {product / floor:0.00}  " +
                $"(rounds: product {string.Join(", ", products.Select(r => r.PerSecond))}; floor {string.Join(", ", floors.Select(r => r.PerSecond))}); " +
                $"requests per submission {products[0].RequestsPerSubmission} ({byOrigin}), floor {floors[0].RequestsPerSubmission}");
        }

        await Stack.StopRetiredAsync();
        lines.Insert(0, $"Intake burst only, concurrency {settings.Concurrency}, ×{settings.Repeats} rounds; load average at start {loadAtStart}, at end {Machine.LoadAverage()}");
        var table = string.Join(Environment.NewLine, lines);
        await File.WriteAllTextAsync(Path.Combine(output, "bench-intake.txt"), table + Environment.NewLine);
        Console.WriteLine(table);
        return 0;
    }

    static List<SelectionRun> RunSelection(BenchSettings settings)
    {
        // A first small solve loads OR-Tools' native library and JITs the model code, so no size pays for it.
        SelectionScenario.Run(40);
        var runs = new List<SelectionRun>();
        foreach (var size in settings.SelectionSizes ?? [])
        {
            var run = SelectionScenario.Run(size, settings.SelectionOptions, budget: settings.SelectionBudget);
            Progress($"selection {size}: {run.Status} in {run.Seconds} s (phases {string.Join(", ", run.Phases)}), score {run.Score} (bound {run.ScoreBound}), shortfall {run.Shortfall}; greedy score {run.GreedyScore}, shortfall {run.GreedyShortfall}");
            runs.Add(run);
        }

        return runs;
    }

    /// <summary>An edition open now, asking associations for the six documents, with deadlines no run reaches.</summary>
    public static JsonObject Edition(string id)
    {
        var edition = TestEditions.Fast(id, documentsDeadline: "PT4H", documentsReminder: "PT2H", committeeDeadline: "PT4H", committeeReminder: "PT2H",
            staffReminder: "PT4H", financeReminder: "PT4H");
        edition["disbursement"]!["reports"] = new JsonObject { ["deadline"] = "PT4H", ["reminderBefore"] = "PT2H", ["endOfDay"] = false };
        // Money for every application the bench drives, so that its selection selects them all and each runs to closed.
        edition["envelope"] = 1_000_000_000;
        return edition;
    }

    /// <summary>The repository, this run's id (a prefix for its task hubs and tables) and the folder its results go to.</summary>
    static (string Root, string RunId, string Output) Workspace()
    {
        var root = Machine.RepoRoot;
        var output = Path.Combine(root, ".local", "bench");
        Directory.CreateDirectory(output);
        return (root, DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture), output);
    }

    /// <summary>The floor goes first in odd rounds, the product in even ones: with two rounds, floor-product-product-floor.</summary>
    static bool FloorFirst(int round) => round % 2 == 0;

    static string Cpu(IReadOnlyDictionary<string, double> seconds) => string.Join(" ", seconds.Select(kv => $"{kv.Key} {kv.Value:0.0}"));

    public static void Progress(string line) =>
        Console.Error.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {line}");
}

/// <summary>
/// What a run measures. <see cref="Repeats"/> is the number of rounds (one floor and one product measurement each)
/// at every size of intake and lifecycle: at least 2 in a full run, since a verdict from one sample per side would
/// be the luck of one turn; a quick run makes 1 and gives no verdict.
/// </summary>
sealed record BenchSettings(string Mode, int[] IntakeSizes, int[] LifecycleSizes, int IntakeHeadline, int LifecycleHeadline, int Concurrency, int IdleSeconds,
    bool SharedAzurite, int Repeats, bool FreshPerStep, int[]? SelectionSizes = null, string? Only = null,
    SelectionSolverOptions? SelectionOptions = null, double SelectionBudget = 5)
{
    public const int MinimumFullRepeats = 2;

    public static BenchSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var settings = quick
            ? new BenchSettings("quick", [20, 60], [4, 12], 60, 12, 16, 20, false, 1, false, [160, 1000])
            : new BenchSettings("full", [100, 500, 1000], [50, 100, 200], 500, 100, 16, 60, false, MinimumFullRepeats, true, [160, 1000, 5000]);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--shared-azurite":
                    settings = settings with { SharedAzurite = true };
                    break;
                case "--intake" when i + 1 < args.Length:
                    var intake = Sizes(args[++i]);
                    settings = settings with { IntakeSizes = intake, IntakeHeadline = intake.Length > 2 ? intake[1] : intake[^1] };
                    break;
                case "--lifecycles" when i + 1 < args.Length:
                    var life = Sizes(args[++i]);
                    settings = settings with { LifecycleSizes = life, LifecycleHeadline = life.Length > 2 ? life[1] : life[^1] };
                    break;
                case "--concurrency" when i + 1 < args.Length:
                    settings = settings with { Concurrency = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture)) };
                    break;
                case "--fresh-per-step":
                    settings = settings with { FreshPerStep = true };
                    break;
                case "--one-stack":
                    settings = settings with { FreshPerStep = false };
                    break;
                case "--repeats" when i + 1 < args.Length:
                    settings = settings with { Repeats = Math.Max(quick ? 1 : MinimumFullRepeats, int.Parse(args[++i], CultureInfo.InvariantCulture)) };
                    break;
                case "--selection" when i + 1 < args.Length:
                    settings = settings with { SelectionSizes = Sizes(args[++i]) };
                    break;
                case "--selection-workers" when i + 1 < args.Length:
                    settings = settings with { SelectionOptions = (settings.SelectionOptions ?? SelectionSolverOptions.Default) with { Workers = int.Parse(args[++i], CultureInfo.InvariantCulture) } };
                    break;
                case "--selection-budget" when i + 1 < args.Length:
                    settings = settings with { SelectionBudget = double.Parse(args[++i], CultureInfo.InvariantCulture) };
                    break;
                case "--selection-no-split":
                    settings = settings with { SelectionOptions = (settings.SelectionOptions ?? SelectionSolverOptions.Default) with { SplitOnCount = false } };
                    break;
                case "--selection-same-marks":
                    settings = settings with { SelectionOptions = (settings.SelectionOptions ?? SelectionSolverOptions.Default) with { CrossMarkDominance = false } };
                    break;
                case "--selection-params" when i + 1 < args.Length:
                    settings = settings with { SelectionOptions = (settings.SelectionOptions ?? SelectionSolverOptions.Default) with { Parameters = args[++i] } };
                    break;
                case "--only" when i + 1 < args.Length:
                    settings = settings with { Only = args[++i] };
                    break;
                case "--idle-seconds" when i + 1 < args.Length:
                    settings = settings with { IdleSeconds = int.Parse(args[++i], CultureInfo.InvariantCulture) };
                    break;
            }
        }

        return settings;

        static int[] Sizes(string list) => list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }
}

/// <summary>A stack for one step: disposed after it when the step owns it, kept for the next step otherwise.</summary>
sealed class StackUse(Stack stack, bool owned) : IAsyncDisposable
{
    public Stack Stack => stack;

    public ValueTask DisposeAsync() => owned ? stack.DisposeAsync() : ValueTask.CompletedTask;
}

/// <summary>A run whose figures could not be trusted (a wait for what a count depends on timed out): it fails, it is not reported.</summary>
sealed class BenchFailedException(string message) : Exception(message);
