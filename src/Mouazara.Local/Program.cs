using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Mouazara;
using Mouazara.Http;
using Mouazara.Local.Configuration;
using Mouazara.Local.DevTools;
using Mouazara.Local.Durable;
using Mouazara.Storage;

// Settings: local.settings.json (or the committed sample), then environment variables, then the command line.
var root = LocalSettings.FindRepoRoot();
var (settingsFile, settings) = LocalSettings.Load(root);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = root });
builder.Configuration.Sources.Clear();
builder.Configuration.AddInMemoryCollection(settings).AddEnvironmentVariables().AddCommandLine(args);
var local = builder.Configuration.GetSection(LocalOptions.Section).Get<LocalOptions>() ?? new LocalOptions();
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true)
    .AddFilter("Microsoft", LogLevel.Warning).AddFilter("DurableTask", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning)
    .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

// The development conveniences (mail sink, tokens) must never face a network: loopback or nothing.
if (local.ListenAddress != "localhost" && !(IPAddress.TryParse(local.ListenAddress, out var ip) && IPAddress.IsLoopback(ip)))
{
    Console.Error.WriteLine($"Refusing to start: Local:ListenAddress '{local.ListenAddress}' is not a loopback address. The local host is for one machine only.");
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
    .AddFilter("DurableTask", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning));
var startup = loggerFactory.CreateLogger("Mouazara.Local");

// Storage: Azurite from the repo's npm dev-dependency when nothing answers.
var connectionString = builder.Configuration["Storage:ConnectionString"] ?? "UseDevelopmentStorage=true";
System.Diagnostics.Process? azurite = null;
if (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase) && !await Azurite.IsRunningAsync())
{
    if (!local.StartAzurite)
    {
        Console.Error.WriteLine("No storage answers on 127.0.0.1:10000-10002 and Local:StartAzurite is false.");
        return 3;
    }

    azurite = await Azurite.StartAsync(root, startup);
}

// The durable engine: Durable Functions' Azure Storage backend behind the gRPC sidecar.
await using var engine = await DurableEngine.StartAsync(connectionString, local.TaskHub, loggerFactory, CancellationToken.None);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = 160L * 1024 * 1024;
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
builder.Services.AddDurableTaskWorker(worker =>
{
    worker.UseGrpc(engine.Channel);
    worker.AddTasks(MouazaraTasks.Register);
});
builder.Services.AddDurableTaskClient(client =>
{
    client.UseGrpc(engine.Channel);
    client.RegisterDirectly();
});
builder.Services.AddSingleton<MailSink>();
builder.Services.AddSingleton<DemoSeeder>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());

var app = builder.Build();

// Tables and the attachments container exist before the first request; the demo edition is seeded.
await app.Services.GetRequiredService<MouazaraStorage>().EnsureCreatedAsync();
await app.Services.GetRequiredService<MailSink>().EnsureCreatedAsync();
await app.Services.GetRequiredService<DemoSeeder>().SeedEditionsAsync(CancellationToken.None);

app.MapMouazaraApi();
app.MapDevTools();
app.MapGet("/", () => Results.Redirect("/dev/outbox"));

app.Lifetime.ApplicationStarted.Register(() =>
{
    startup.LogInformation("Mouazara local host listening on http://localhost:{Port} (settings: {Settings}, task hub: {TaskHub})",
        local.Port, Path.GetFileName(settingsFile ?? "defaults"), local.TaskHub);
});

await app.RunAsync();
if (azurite is { HasExited: false })
{
    azurite.Kill(entireProcessTree: true);
}

return 0;
