using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mouazara.Local.Durable;

namespace Mouazara.Local.Tests.Support;

/// <summary>
/// The local host's durable engine on the shared Azurite, in a task hub of its own, with a worker of the test's own
/// orchestrations connected the way the local host connects its worker (<see cref="DurableEngine.Connect"/>).
/// </summary>
public sealed class EngineWorker : IAsyncDisposable
{
    readonly IHost host;
    readonly ILoggerFactory loggers;

    EngineWorker(DurableEngine engine, IHost host, ILoggerFactory loggers)
    {
        Engine = engine;
        this.host = host;
        this.loggers = loggers;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableEngine Engine { get; }

    public DurableTaskClient Client { get; }

    /// <param name="logs">Receives the engine's and the worker's logs.</param>
    public static async Task<EngineWorker> StartAsync(string hubPrefix, ILoggerProvider logs, Action<DurableTaskRegistry> tasks,
        Action<IServiceCollection>? services = null)
    {
        var hub = hubPrefix + Guid.NewGuid().ToString("N")[..8];
        var loggers = LoggerFactory.Create(l => l.AddProvider(logs));
        var engine = await DurableEngine.StartAsync("UseDevelopmentStorage=true", hub, EngineTiming.Local, loggers, CancellationToken.None);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        services?.Invoke(builder.Services);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            engine.Connect(worker);
            worker.AddTasks(tasks);
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(engine.Channel);
            client.RegisterDirectly();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new EngineWorker(engine, host, loggers);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        await Engine.DisposeAsync();
        loggers.Dispose();
    }
}
