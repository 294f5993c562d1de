using System.Collections.Concurrent;
using OrchestrationInstance = DurableTask.Core.OrchestrationInstance;
using TaskMessage = DurableTask.Core.TaskMessage;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Hosting;

/// <summary>
/// The local host's engine when the host dies after an instance's first episode was saved but before its start message
/// was deleted: the queue hands the same start message out again. On Azure, Durable Functions' dispatcher drops it; the
/// local host must too, or the instance's history holds two starts, every later episode fails (“Multiple
/// ExecutionStartedEvent found”) and the application waits in retries. The redelivery is reproduced exactly: the same
/// instance, execution and input sent again to its control queue, on the real engine and Azurite.
/// </summary>
public sealed class RedeliveredStartTests
{
    [Fact]
    public async Task A_start_message_taken_again_after_a_crash_neither_restarts_the_instance_nor_holds_it_up()
    {
        var errors = new ConcurrentQueue<string>();
        var runs = new ConcurrentDictionary<string, int>();
        await using var stack = await EngineWorker.StartAsync("redeliver", new ErrorCollector(errors), r =>
        {
            r.AddOrchestrator<WaitForGo>();
            r.AddActivity<CountRun>();
        }, services => services.AddSingleton(runs));
        var engine = stack.Engine;
        var client = stack.Client;
        const string id = "application-redelivered";
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForGo), "MZ-1", new StartOrchestrationOptions(id));
        await WaitUntilAsync(() => runs.GetValueOrDefault("MZ-1") == 1, "the first episode's activity");

        // The start message as the queue would hand it out again: same instance, execution and input.
        var state = (await engine.Service.GetOrchestrationStateAsync(id, allExecutions: false)).Single();
        var instance = new OrchestrationInstance { InstanceId = id, ExecutionId = state.OrchestrationInstance.ExecutionId };
        await engine.Service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            Event = new ExecutionStartedEvent(-1, state.Input) { Name = nameof(WaitForGo), OrchestrationInstance = instance },
            OrchestrationInstance = instance,
        });
        await client.RaiseEventAsync(id, "go", "on");

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("MZ-1 on", done.ReadOutputAs<string>());
        // Not started over: the first step ran once.
        Assert.Equal(1, runs["MZ-1"]);
        var history = await engine.Service.GetOrchestrationHistoryAsync(id, state.OrchestrationInstance.ExecutionId);
        Assert.Equal(1, CountOccurrences(history, "\"EventType\":0"));
        Assert.DoesNotContain(errors, e => e.Contains("ExecutionStartedEvent", StringComparison.Ordinal));
    }

    static int CountOccurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        // Three minutes: at the suite's peak on two cores an engine's first episode has taken over a minute.
        var until = DateTime.UtcNow + MouazaraClient.Patience;
        while (!done() && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.True(done(), $"Timed out waiting for {what}.");
    }

    /// <summary>Runs a step, then waits for an event: a restart from the beginning would run the step again.</summary>
    [DurableTask(nameof(WaitForGo))]
    public sealed class WaitForGo : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            await context.CallActivityAsync(nameof(CountRun), input);
            var go = await context.WaitForExternalEvent<string>("go");
            return $"{input} {go}";
        }
    }

    [DurableTask(nameof(CountRun))]
    public sealed class CountRun(ConcurrentDictionary<string, int> runs) : TaskActivity<string, bool>
    {
        public override Task<bool> RunAsync(TaskActivityContext context, string input)
        {
            runs.AddOrUpdate(input, 1, (_, n) => n + 1);
            return Task.FromResult(true);
        }
    }

    sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{formatter(state, exception)} {exception}");
            }
        }

        public void Dispose()
        {
        }
    }
}
