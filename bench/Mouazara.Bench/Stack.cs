using System.Diagnostics;
using System.Runtime.InteropServices;
using Mouazara.Testing;

namespace Mouazara.Bench;

/// <summary>
/// One measurement step's world: a private Azurite (empty), the local host process on it, the floors' engine and
/// clients in this process, both warmed up (JIT, connections, partition leases) outside every measurement.
/// </summary>
sealed class Stack : IAsyncDisposable
{
    Stack(PrivateAzurite azurite, HostProcess host, FloorStack floor, Driver driver, string runId)
    {
        Azurite = azurite;
        Host = host;
        Floor = floor;
        Driver = driver;
        RunId = runId;
        Cpu = new CpuMeter(new Dictionary<string, int?> { ["host"] = host.ProcessId, ["azurite"] = azurite.ProcessId, ["bench"] = Environment.ProcessId });
        IntakeEdition = "bench-intake-" + runId;
        LifeEdition = "bench-life-" + runId;
        Template = new SubmissionTemplate(IntakeEdition, IntakeScenario.Documents, TestFiles.PdfOfSize(256 * 1024));
    }

    public PrivateAzurite Azurite { get; }

    public HostProcess Host { get; }

    public FloorStack Floor { get; }

    public Driver Driver { get; }

    public string RunId { get; }

    public CpuMeter Cpu { get; }

    public string IntakeEdition { get; }

    public string LifeEdition { get; }

    public SubmissionTemplate Template { get; }

    public static async Task<Stack> StartAsync(BenchSettings settings, string root, string output, MailSink sink, string runId)
    {
        var azurite = settings.SharedAzurite ? PrivateAzurite.Shared() : await PrivateAzurite.StartAsync(root);
        Children.Add(azurite.Process);
        var host = await HostProcess.StartAsync(root, azurite.ConnectionString, sink.Address, Path.Combine(output, "host.log"));
        Children.Add(host.Process);
        var floor = await FloorStack.StartAsync(azurite.ConnectionString, host.Prefix);
        var stack = new Stack(azurite, host, floor, new Driver(host.BaseAddress), runId);
        await stack.Driver.PutEditionAsync(BenchProgram.Edition(stack.IntakeEdition));
        await stack.Driver.PutEditionAsync(BenchProgram.Edition(stack.LifeEdition));

        var pdf256 = TestFiles.PdfOfSize(256 * 1024);
        await IntakeScenario.ProductAsync(stack.Driver, sink, stack.Template, runId + "w", 8, 4, stack.Cpu);
        await IntakeScenario.FloorAsync(floor, pdf256, stack.IntakeEdition, runId + "w", 8, 4, stack.Cpu);
        foreach (var warm in new[]
        {
            await LifecycleScenario.RunAsync("product", new LifecycleScenario.ProductActors(stack.Driver, sink, runId + "w"), 1, 16, TimeSpan.FromMinutes(2), stack.Cpu),
            await LifecycleScenario.RunAsync("floor", new LifecycleScenario.FloorActors(floor, runId + "w"), 1, 16, TimeSpan.FromMinutes(2), stack.Cpu),
        })
        {
            if (warm.Failed > 0)
            {
                throw new BenchFailedException($"warm-up lifecycle ({warm.Side}) failed: {string.Join("; ", warm.Failures)}");
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        Driver.Dispose();
        await Host.DisposeAsync();
        await Floor.DisposeAsync();

        // Retired rather than stopped: anything of the floor's engine still winding down finds its storage; every
        // retired emulator is stopped at the end of the run.
        lock (Retired)
        {
            Retired.Add(Azurite);
        }
    }

    static readonly List<PrivateAzurite> Retired = [];

    /// <summary>The emulators of earlier steps, still running until the end of the run.</summary>
    public static IReadOnlyList<int> RetiredProcessIds()
    {
        lock (Retired)
        {
            return Retired.Select(a => a.ProcessId).OfType<int>().ToList();
        }
    }

    public static async Task StopRetiredAsync()
    {
        foreach (var azurite in Retired)
        {
            await azurite.DisposeAsync();
        }

        Retired.Clear();
    }
}

/// <summary>The processes the bench started; on Ctrl+C or SIGTERM they are stopped with it, by their ids.</summary>
static class Children
{
    static readonly List<Process> Started = [];

    public static void Add(Process? process)
    {
        if (process is not null)
        {
            lock (Started)
            {
                Started.Add(process);
            }
        }
    }

    /// <summary>Kills every process the bench started that still runs (a failed run ends with no emulator or host left behind).</summary>
    public static void StopAll()
    {
        lock (Started)
        {
            foreach (var process in Started)
            {
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                }
            }
        }
    }

    public static IDisposable StopOnSignal()
    {
        static void Stop(PosixSignalContext context)
        {
            StopAll();
            Console.Error.WriteLine("bench: stopped; its Azurite and local host were stopped too.");
            Environment.Exit(130);
        }

        return new Registrations(PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop));
    }

    sealed class Registrations(params PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
