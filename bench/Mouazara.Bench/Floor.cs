using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Mouazara.Applications;
using Mouazara.Local.Durable;
using Mouazara.Storage;

namespace Mouazara.Bench;

public sealed record FloorRef(string Id);

public sealed record FloorStep(string Id, string Name, string? Signal);

public sealed record FloorEvent(string EventId);

/// <summary>The intake floor's orchestration: scheduled once per submission, it does nothing.</summary>
[DurableTask(nameof(FloorIntake))]
public sealed class FloorIntake : TaskOrchestrator<FloorRef, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, FloorRef input) => Task.FromResult(input.Id);
}

/// <summary>
/// The lifecycle floor: the product orchestration's shape with nothing inside. The same 35 activities in the
/// same order (3 of them in parallel), the same 15 external events each paired with a durable timer through the
/// product's own <see cref="EventWaiter{T}"/>, and a signal to the bench where the product sends the email the
/// bench's applicant, members and finance act on.
/// </summary>
[DurableTask(nameof(FloorLifecycle))]
public sealed class FloorLifecycle : TaskOrchestrator<FloorRef, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, FloorRef app)
    {
        var until = context.Now() + TimeSpan.FromHours(2);
        Task Step(string name, string? signal = null) => context.CallActivityAsync(nameof(FloorActivity), new FloorStep(app.Id, name, signal), Orchestration.Retry);

        await Step("status-received");
        await Step("open-documents");
        await Step("status-awaiting-documents");
        await Step("documents-request", "documents-request");
        var uploads = new EventWaiter<FloorEvent>(context, "upload");
        for (var i = 0; i < 4; i++)
        {
            await uploads.NextAsync(until);
            await Step("find-missing");
        }

        await Step("status-checking-eligibility");
        await Step("check-eligibility");
        await Step("open-committee");
        await Step("status-in-evaluation");
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Step("review-task", "review-task")));
        var votes = new EventWaiter<FloorEvent>(context, "vote");
        for (var i = 0; i < 3; i++)
        {
            await votes.NextAsync(until);
        }

        await Step("tally");
        await Step("award");
        await Step("status-selected");

        // As the product does with the agreement: make it, send it, take the signed copy, tell staff, take their decision.
        await Step("prepare-agreement");
        await Step("status-awaiting-signature");
        await Step("agreement-request", "agreement-request");
        await new EventWaiter<FloorEvent>(context, "agreement").NextAsync(until);
        await Step("agreement-signed");
        await Step("agreement-staff", "staff-agreement");
        await new EventWaiter<FloorEvent>(context, "agreement-decided").NextAsync(until);
        await Step("status-disbursing");
        var releases = new EventWaiter<FloorEvent>(context, "release");
        await Step("check-suspension");
        await Step("tranche-1-due", "tranche-1-due");
        await releases.NextAsync(until);
        await Step("tranche-1-released");
        var reports = new EventWaiter<FloorEvent>(context, "report");
        var decisions = new EventWaiter<FloorEvent>(context, "report-decided");

        // As the product does for each report: request it, take it, tell staff, take their decision.
        async Task ReportAsync(string signal)
        {
            await Step(signal, signal);
            await reports.NextAsync(until);
            await Step("report-staff");
            await decisions.NextAsync(until);
        }

        await ReportAsync("report-request");
        await Step("check-suspension");
        await Step("tranche-2-due", "tranche-2-due");
        await releases.NextAsync(until);
        await Step("tranche-2-released");
        await ReportAsync("final-report-request");
        await Step("status-closed", "status-closed");
        return app.Id;
    }
}

[DurableTask(nameof(FloorActivity))]
public sealed class FloorActivity(FloorSignals signals) : TaskActivity<FloorStep, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, FloorStep step)
    {
        if (step.Signal is not null)
        {
            signals.Inbox.Add(new Notice(step.Id, step.Signal, [], DateTime.UtcNow));
        }

        return Task.FromResult(true);
    }
}

public sealed class FloorSignals
{
    internal Inbox Inbox { get; } = new();
}

/// <summary>
/// The floors' stack in the bench process: the same durable engine the local host runs (<see cref="DurableEngine"/>:
/// Durable Functions' Azure Storage backend behind the gRPC sidecar, same settings) on the same storage, a worker and
/// client connected the same way, and plain SDK clients for blobs and a table.
/// </summary>
sealed class FloorStack : IAsyncDisposable
{
    readonly DurableEngine engine;
    readonly IHost host;

    FloorStack(DurableEngine engine, IHost host, BlobContainerClient blobs, TableClient table, FloorSignals signals)
    {
        this.engine = engine;
        this.host = host;
        Blobs = blobs;
        Table = table;
        Signals = signals;
    }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public BlobContainerClient Blobs { get; }

    public TableClient Table { get; }

    public FloorSignals Signals { get; }

    public static async Task<FloorStack> StartAsync(string connectionString, string prefix)
    {
        var engine = await DurableEngine.StartAsync(connectionString, prefix + "floorhub", EngineTiming.Local, Quiet, CancellationToken.None);
        var signals = new FloorSignals();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.AddSingleton(signals);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            engine.Connect(worker);
            worker.AddTasks(r =>
            {
                r.AddOrchestrator<FloorIntake>();
                r.AddOrchestrator<FloorLifecycle>();
                r.AddActivity<FloorActivity>();
            });
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(engine.Channel);
            client.RegisterDirectly();
        });
        var host = builder.Build();
        await host.StartAsync();

        var blobs = new BlobServiceClient(connectionString, Counted(new BlobClientOptions())).GetBlobContainerClient(prefix + "-floor");
        await blobs.CreateIfNotExistsAsync();
        var table = new TableServiceClient(connectionString, Counted(new TableClientOptions())).GetTableClient(prefix + "FloorApplications");
        await table.CreateIfNotExistsAsync();
        return new FloorStack(engine, host, blobs, table, signals);
    }

    static readonly ILoggerFactory Quiet = LoggerFactory.Create(l => l.SetMinimumLevel(LogLevel.Error));

    static T Counted<T>(T options)
        where T : ClientOptions
    {
        options.AddPolicy(new StorageRequestCounter("floor", options), HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>The floor's own requests so far (origins <c>floor</c> and <c>engine</c>, in this process).</summary>
    public static List<StorageCount> Requests() =>
        StorageRequests.Snapshot().Select(c => new StorageCount(c.Origin, c.Service, c.Operation, c.Resource, c.Count)).ToList();

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await host.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        host.Dispose();

        // Stopping the sidecar stops the engine in the background (partition leases released in storage); wait until
        // the engine has gone quiet before the caller takes its storage away, or that background stop waits for it
        // for ten minutes and then ends this process.
        await engine.DisposeAsync();
        var quietSince = DateTime.UtcNow;
        var last = EngineRequests();
        for (var i = 0; i < 600 && DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(3); i++)
        {
            await Task.Delay(100);
            var now = EngineRequests();
            if (now != last)
            {
                last = now;
                quietSince = DateTime.UtcNow;
            }
        }
    }

    static long EngineRequests() => StorageRequests.Snapshot().Where(c => c.Origin == "engine").Sum(c => c.Count);

    /// <summary>The bench handles Ctrl+C itself (it stops its child processes); the worker's host must not swallow it.</summary>
    sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
