using System.Collections.Concurrent;
using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Local;
using Mouazara.Testing;

namespace Mouazara.Tests.Support;

/// <summary>
/// The durable engine as an operator's tools see it: which orchestrations exist and whether any of them still has
/// work in flight. A test that checks something happened exactly once waits for this, the end of the window in
/// which a second one could still appear, instead of sleeping for a guessed number of seconds.
/// </summary>
internal static class Engine
{
    static readonly ConcurrentDictionary<string, AzureStorageOrchestrationService> Stores = new(StringComparer.Ordinal);

    public static DurableTaskClient Client(LocalHost host) => host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The task hub's store read directly (the sidecar does not stream histories): a client only, it takes no leases.</summary>
    static AzureStorageOrchestrationService Store(LocalHost host) => Stores.GetOrAdd(host.Options.TaskHub, hub => new AzureStorageOrchestrationService(
        new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hub,
            StorageAccountClientProvider = new StorageAccountClientProvider("UseDevelopmentStorage=true"),
        }));

    sealed record Event(EventType Type, int Id, int? ScheduledId, int? TimerId, string? InstanceId, string? Name);

    static async Task<List<Event>> HistoryAsync(LocalHost host, string instanceId)
    {
        var json = await Store(host).GetOrchestrationHistoryAsync(instanceId, null);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => new Event(
            (EventType)e.GetProperty("EventType").GetInt32(),
            e.GetProperty("EventId").GetInt32(),
            e.TryGetProperty("TaskScheduledId", out var scheduled) ? scheduled.GetInt32() : null,
            e.TryGetProperty("TimerId", out var timer) ? timer.GetInt32() : null,
            e.TryGetProperty("InstanceId", out var child) && child.ValueKind == JsonValueKind.String ? child.GetString() : null,
            e.TryGetProperty("Name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null)).ToList();
    }

    /// <summary>
    /// Waits until the orchestrations <paramref name="instanceIds"/> (and every sub-orchestration they started)
    /// exist and are idle: finished, or waiting for a person (an external event, a stage's
    /// timer) with no activity, sub-orchestration or retry still outstanding. Fails with what was still busy.
    /// </summary>
    public static async Task WaitUntilIdleAsync(LocalHost host, params string[] instanceIds)
    {
        var client = Client(host);
        var until = DateTime.UtcNow + MouazaraClient.Patience;
        var busy = new List<string>();
        var idleOnce = false;
        do
        {
            busy.Clear();
            var pending = new Queue<string>(instanceIds);

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (pending.TryDequeue(out var id))
            {
                if (!seen.Add(id))
                {
                    continue;
                }

                var (why, children) = await BusyAsync(host, client, id);
                if (why is not null)
                {
                    busy.Add($"{id}: {why}");
                }

                foreach (var child in children)
                {
                    pending.Enqueue(child);
                }
            }

            // A message the engine has taken from its queue but not yet written to the history is invisible here:
            // idle counts only when seen twice, longer apart than the engine's queue polling interval (0.5 s).
            if (busy.Count == 0 && idleOnce)
            {
                return;
            }

            idleOnce = busy.Count == 0;
            await Task.Delay(idleOnce ? 750 : 200);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail("The engine never went idle: " + string.Join("; ", busy));
    }

    /// <summary>Waits until the orchestration is idle if it was ever started; returns whether it was.</summary>
    public static async Task<bool> WaitUntilIdleIfStartedAsync(LocalHost host, string instanceId)
    {
        if (await Client(host).GetInstanceAsync(instanceId, getInputsAndOutputs: false) is null)
        {
            return false;
        }

        await WaitUntilIdleAsync(host, instanceId);
        return true;
    }

    /// <summary>Waits until the orchestration has received <paramref name="count"/> external events named <paramref name="name"/>, however it used them.</summary>
    public static async Task WaitForEventsAsync(LocalHost host, string instanceId, string name, int count)
    {
        var until = DateTime.UtcNow + MouazaraClient.Patience;
        var received = 0;
        do
        {
            received = (await HistoryAsync(host, instanceId)).Count(e => e.Type == EventType.EventRaised && e.Name == name);
            if (received >= count)
            {
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail($"{instanceId} received {received} {name} events, not {count}.");
    }

    /// <summary>Why an instance is still working (null when it is not), and the sub-orchestrations it started.</summary>
    static async Task<(string? Why, List<string> Children)> BusyAsync(LocalHost host, DurableTaskClient client, string instanceId)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false);
        if (metadata is null)
        {
            return ("not found", []);
        }

        if (metadata.RuntimeStatus is OrchestrationRuntimeStatus.Pending)
        {
            return ("pending", []);
        }

        var history = await HistoryAsync(host, instanceId);
        var children = history.Where(e => e.Type == EventType.SubOrchestrationInstanceCreated && e.InstanceId is not null).Select(e => e.InstanceId!).ToList();
        if (metadata.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            return (null, children);
        }

        if (history.Count == 0 || history[^1].Type != EventType.OrchestratorCompleted)
        {
            return ("an episode is being run", children);
        }

        var answered = history.Where(e => e.Type is EventType.TaskCompleted or EventType.TaskFailed).Select(e => e.ScheduledId).ToHashSet();
        var outstanding = history.Count(e => e.Type == EventType.TaskScheduled && !answered.Contains(e.Id));
        if (outstanding > 0)
        {
            return ($"{outstanding} activities outstanding", children);
        }

        // A timer created in the episode that saw a task fail is the retry policy's back-off: the task is still in
        // flight. Any other timer is a stage's deadline or reminder: the orchestration is waiting for people.
        var fired = history.Where(e => e.Type == EventType.TimerFired).Select(e => e.TimerId).ToHashSet();
        var retries = new List<int>();
        var failed = false;
        foreach (var e in history)
        {
            switch (e.Type)
            {
                case EventType.OrchestratorStarted:
                    failed = false;
                    break;
                case EventType.TaskFailed or EventType.SubOrchestrationInstanceFailed:
                    failed = true;
                    break;
                case EventType.TimerCreated when failed && !fired.Contains(e.Id):
                    retries.Add(e.Id);
                    break;
            }
        }

        if (retries.Count > 0)
        {
            return ($"{retries.Count} tasks waiting to be retried", children);
        }

        // A running sub-orchestration is checked as an instance of its own (one not created yet is "not found").
        return (null, children);
    }
}
