using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
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

        var root = Machine.RepoRoot;
        var runId = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var output = Path.Combine(root, ".local", "bench");
        Directory.CreateDirectory(output);
        var loadAtStart = Machine.LoadAverage();

        // 6. Selection first: pure computation, measured before any emulator or host runs beside it.
        var selection = RunSelection(settings);
        Progress($"Mouazara bench ({settings.Mode}): intake {string.Join("/", settings.IntakeSizes)} ×{settings.IntakeRepeats}, lifecycles {string.Join("/", settings.LifecycleSizes)}, idle {settings.IdleSeconds} s; load average {loadAtStart}");
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

        // 1 and 4. Intake bursts. Floor and product alternate, in ABBA order when repeated (so that each side gets an
        // early and a late turn); each side's median run by throughput is reported.
        var intake = new List<(BurstRun Floor, BurstRun Product)>();
        foreach (var size in settings.IntakeSizes)
        {
            var floors = new List<BurstRun>();
            var products = new List<BurstRun>();
            for (var round = 0; round < settings.IntakeRepeats; round++)
            {
                var floorFirst = round % 2 == 0;
                for (var turn = 0; turn < 2; turn++)
                {
                    // In a full run each side starts from empty storage, so that neither pays for what the other stored.
                    await using var use = await Fresh($"intake {size} {((turn == 0) == floorFirst ? "floor" : "product")}");
                    var stack = use.Stack;
                    if ((turn == 0) == floorFirst)
                    {
                        var f = await IntakeScenario.FloorAsync(stack.Floor, pdf256, stack.IntakeEdition, $"{stack.RunId}r{round}", size, settings.Concurrency, stack.Cpu);
                        Progress($"intake floor   {size}: {f.PerSecond}/s p95 {f.LatencyMs.P95} ms, cpu s {Cpu(f.CpuSeconds)}");
                        floors.Add(f);
                    }
                    else
                    {
                        var p = await IntakeScenario.ProductAsync(stack.Driver, sink, stack.Template, $"{stack.RunId}r{round}", size, settings.Concurrency, stack.Cpu);
                        Progress($"intake product {size}: {p.PerSecond}/s p95 {p.LatencyMs.P95} ms ({p.Failed} failed), cpu s {Cpu(p.CpuSeconds)}");
                        products.Add(p);
                    }
                }
            }

            intake.Add((Median(floors), Median(products)));
        }

        // 2, 3 and 4. Lifecycles, floor then product at each size; the storage per application comes from the headline size.
        var lifecycles = new List<(LifecycleRun Floor, LifecycleRun Product, StorageReport Storage, double FloorRequestsPerApplication)>();
        foreach (var size in settings.LifecycleSizes)
        {
            var timeout = TimeSpan.FromSeconds(Math.Max(120, size * 6));
            LifecycleRun f;
            List<StorageCount> floorSpent;
            await using (var floorUse = await Fresh($"lifecycles {size} floor"))
            {
                var floorStack = floorUse.Stack;
                var floorBefore = FloorStack.Requests();
                f = await LifecycleScenario.RunAsync("floor", new LifecycleScenario.FloorActors(floorStack.Floor, $"{floorStack.RunId}n{size}"), size, settings.Concurrency, timeout, floorStack.Cpu);
                await Task.Delay(TimeSpan.FromSeconds(3));
                floorSpent = Measures.Difference(floorBefore, FloorStack.Requests());
                Progress($"lifecycle floor   {size}: {f.PerMinute}/min ({f.Failed} failed), cpu s {Cpu(f.CpuSeconds)}");
            }

            await using var use = await Fresh($"lifecycles {size} product");
            var stack = use.Stack;
            var before = await stack.Driver.StorageRequestsAsync();
            var window = Stopwatch.StartNew();
            var p = await LifecycleScenario.RunAsync("product", new LifecycleScenario.ProductActors(stack.Driver, sink, $"{stack.RunId}n{size}"), size, settings.Concurrency, timeout, stack.Cpu);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var spent = Measures.Difference(before, await stack.Driver.StorageRequestsAsync());
            var storage = StorageScenario.PerApplication(spent, p.Completed, window.Elapsed.TotalSeconds, idle, stack.Host.Prefix, stack.Host.TaskHub);
            Progress($"lifecycle product {size}: {p.PerMinute}/min ({p.Failed} failed), {storage.PerApplicationByOrigin.Values.Sum()} storage requests per application, cpu s {Cpu(p.CpuSeconds)}");
            foreach (var failure in p.Failures.Concat(f.Failures))
            {
                Progress("  failed: " + failure);
            }

            lifecycles.Add((f, p, storage, f.Completed == 0 ? 0 : Measures.Round(floorSpent.Sum(c => c.Count) / (double)f.Completed, 1)));
        }

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

    static List<SelectionRun> RunSelection(BenchSettings settings)
    {
        // A first small solve loads OR-Tools' native library and JITs the model code, so no size pays for it.
        SelectionScenario.Run(40);
        var runs = new List<SelectionRun>();
        foreach (var size in settings.SelectionSizes ?? [])
        {
            var run = SelectionScenario.Run(size);
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

    static BurstRun Median(List<BurstRun> runs) => runs.OrderBy(r => r.PerSecond).ElementAt(runs.Count / 2) with { Rounds = runs.Select(r => r.PerSecond).ToList() };

    static string Cpu(IReadOnlyDictionary<string, double> seconds) => string.Join(" ", seconds.Select(kv => $"{kv.Key} {kv.Value:0.0}"));

    public static void Progress(string line) =>
        Console.Error.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {line}");
}

sealed record BenchSettings(string Mode, int[] IntakeSizes, int[] LifecycleSizes, int IntakeHeadline, int LifecycleHeadline, int Concurrency, int IdleSeconds,
    bool SharedAzurite, int IntakeRepeats, bool FreshPerStep, int[]? SelectionSizes = null, string? Only = null)
{
    public static BenchSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var settings = quick
            ? new BenchSettings("quick", [20, 60], [4, 12], 60, 12, 16, 20, false, 1, false, [160, 1000])
            : new BenchSettings("full", [100, 500, 1000], [50, 100, 200], 500, 100, 16, 60, false, 1, true, [160, 1000, 5000]);
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
                    settings = settings with { IntakeRepeats = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture)) };
                    break;
                case "--selection" when i + 1 < args.Length:
                    settings = settings with { SelectionSizes = Sizes(args[++i]) };
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
