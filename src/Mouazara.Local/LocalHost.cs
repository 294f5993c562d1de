using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Mouazara.Http;
using Mouazara.Local.Configuration;
using Mouazara.Local.DevTools;
using Mouazara.Local.Durable;
using Mouazara.Storage;
using Mouazara.Telemetry;

namespace Mouazara.Local;

/// <summary>
/// The whole backend in one process: storage (Azurite when nothing answers), the durable engine, the API,
/// the worker running every orchestration and activity, and the developer conveniences. Tests start it in
/// process the same way <c>Program</c> does.
/// </summary>
public sealed class LocalHost : IAsyncDisposable
{
    readonly WebApplication app;
    readonly DurableEngine engine;
    readonly System.Diagnostics.Process? azurite;
    readonly ILoggerFactory engineLogs;

    LocalHost(WebApplication app, DurableEngine engine, System.Diagnostics.Process? azurite, ILoggerFactory engineLogs, LocalOptions options)
    {
        this.app = app;
        this.engine = engine;
        this.azurite = azurite;
        this.engineLogs = engineLogs;
        Options = options;
    }

    public LocalOptions Options { get; }

    public IServiceProvider Services => app.Services;

    public Uri BaseAddress => new($"http://localhost:{Options.Port}/");

    /// <summary>Builds and starts the host; settings come from local.settings(.sample).json, then environment, then <paramref name="args"/>, then <paramref name="overrides"/>.</summary>
    public static async Task<LocalHost> StartAsync(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var root = LocalSettings.FindRepoRoot();
        var (settingsFile, settings) = LocalSettings.Load(root);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = root });
        builder.Configuration.Sources.Clear();
        // This host is a local development run by construction (loopback only, below): development tokens are its own.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:AllowDevelopmentTokens"] = "true" })
            .AddInMemoryCollection(settings).AddEnvironmentVariables().AddCommandLine(args).AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        var local = builder.Configuration.GetSection(LocalOptions.Section).Get<LocalOptions>() ?? new LocalOptions();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("DurableTask", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        // The development conveniences (mail sink, tokens) must never face a network: loopback or nothing.
        if (local.ListenAddress != "localhost" && !(IPAddress.TryParse(local.ListenAddress, out var address) && IPAddress.IsLoopback(address)))
        {
            throw new NotLoopbackException(local.ListenAddress);
        }

        var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("DurableTask", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Mouazara", LogLevel.Information));
        var startup = loggerFactory.CreateLogger("Mouazara.Local");

        // Storage: Azurite from the repository's npm dev-dependency when nothing answers.
        var connectionString = builder.Configuration["Storage:ConnectionString"] ?? "UseDevelopmentStorage=true";
        System.Diagnostics.Process? azurite = null;
        if (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase) && !await Azurite.IsRunningAsync())
        {
            if (!local.StartAzurite)
            {
                throw new InvalidOperationException("No storage answers on 127.0.0.1:10000-10002 and Local:StartAzurite is false.");
            }

            azurite = await Azurite.StartAsync(root, startup);
        }

        // The durable engine: Durable Functions' Azure Storage backend behind the gRPC sidecar.
        var engine = await DurableEngine.StartAsync(connectionString, local.TaskHub, EngineTiming.Named(local.EngineTiming, root), loggerFactory,
            CancellationToken.None);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
            if (local.ListenAddress == "localhost")
            {
                kestrel.ListenLocalhost(local.Port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(local.ListenAddress), local.Port);
            }
        });
        builder.Services.AddSingleton(new RepoRoot(root));
        builder.Services.Configure<LocalOptions>(builder.Configuration.GetSection(LocalOptions.Section));
        builder.Services.AddMouazara(builder.Configuration);
        builder.Services.AddMouazaraTelemetry(builder.Configuration, "mouazara-local");
        builder.Services.AddDurableTaskWorker(worker =>
        {
            engine.Connect(worker);
            worker.AddTasks(MouazaraTasks.Register);
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(engine.Channel);
            client.RegisterDirectly();
        });
        // Crash points for the crash tests; off unless Faults:* is set (docs/reliability.md).
        var crashes = builder.Configuration.GetSection(CrashFaults.Section).Get<CrashFaults>() ?? new CrashFaults();
        builder.Services.AddSingleton(crashes);
        builder.Services.AddSingleton<Mouazara.Disbursement.IReleaseFaults>(crashes);
        builder.Services.AddSingleton<MailSink>();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());

        var app = builder.Build();

        // Tables and the attachments container exist before the first request; the editions in the repository are seeded.
        await app.Services.GetRequiredService<MouazaraStorage>().EnsureCreatedAsync();
        await app.Services.GetRequiredService<MailSink>().EnsureCreatedAsync();
        await app.Services.GetRequiredService<DemoSeeder>().SeedEditionsAsync(CancellationToken.None);

        app.UseApiProblemStatusPages();
        app.MapMouazaraApi();
        app.MapMouazaraConsole();
        app.MapDevTools();
        app.MapDevDiagnostics();
        app.MapGet("/", () => Results.Redirect("/dev/outbox"));

        await app.StartAsync();
        startup.LogInformation("Mouazara local host listening on http://localhost:{Port} (settings: {Settings}, task hub: {TaskHub})",
            local.Port, Path.GetFileName(settingsFile ?? "defaults"), local.TaskHub);
        return new LocalHost(app, engine, azurite, loggerFactory, local);
    }

    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await engine.DisposeAsync();
        engineLogs.Dispose();
        if (azurite is { HasExited: false })
        {
            azurite.Kill(entireProcessTree: true);
        }
    }
}
