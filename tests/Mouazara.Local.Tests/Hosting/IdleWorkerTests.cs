using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Hosting;

/// <summary>
/// The local engine's worker after a quiet spell longer than the worker library's reconnect window (two minutes
/// without a work item): the work that arrives then runs, on the connection the worker opened at the start. A
/// reconnect at that moment can lose the work item the sidecar is sending, and its instance then waits forever
/// (docs/reliability.md, "A worker that reconnects"); an edition's selection round, quiet until staff close the
/// call, is such an instance.
/// </summary>
public sealed class IdleWorkerTests
{
    /// <summary>The worker library's default window is two minutes; a little more, so that a reconnect would have happened.</summary>
    static readonly TimeSpan QuietSpell = TimeSpan.FromSeconds(130);

    [Fact]
    public async Task Work_arriving_after_a_quiet_spell_runs_on_the_same_connection()
    {
        var events = new ConcurrentQueue<int>();
        await using var stack = await EngineWorker.StartAsync("idle", new WorkerEvents(events), r =>
        {
            r.AddOrchestrator<Answer>();
            r.AddActivity<AddOne>();
        });
        Assert.Equal(2, await RunAsync(stack.Client, "before-the-quiet", 1));

        await Task.Delay(QuietSpell);

        Assert.Equal(42, await RunAsync(stack.Client, "after-the-quiet", 41));
        Assert.Equal(1, events.Count(e => e == WorkerEvents.StreamEstablished));
        Assert.DoesNotContain(WorkerEvents.StreamFellSilent, events);
    }

    static async Task<int> RunAsync(DurableTaskClient client, string id, int input)
    {
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(Answer), input, new StartOrchestrationOptions(id));
        using var wait = new CancellationTokenSource(MouazaraClient.Patience);
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return done.ReadOutputAs<int>();
    }

    [DurableTask(nameof(Answer))]
    public sealed class Answer : TaskOrchestrator<int, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, int input) => context.CallActivityAsync<int>(nameof(AddOne), input);
    }

    [DurableTask(nameof(AddOne))]
    public sealed class AddOne : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input + 1);
    }

    /// <summary>The gRPC worker's own events about its work-item stream, by event id.</summary>
    sealed class WorkerEvents(ConcurrentQueue<int> events) : ILoggerProvider
    {
        /// <summary>"Sidecar work-item streaming connection established."</summary>
        public const int StreamEstablished = 4;

        /// <summary>"Channel to backend has stopped receiving traffic, will attempt to reconnect."</summary>
        public const int StreamFellSilent = 56;

        public ILogger CreateLogger(string categoryName) =>
            categoryName == "Microsoft.DurableTask.Worker.Grpc" ? new Recorder(events) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        sealed class Recorder(ConcurrentQueue<int> events) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                events.Enqueue(eventId.Id);
        }
    }
}
