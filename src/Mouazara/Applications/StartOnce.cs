using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Mouazara.Applications;

/// <summary>
/// Starts an orchestration exactly once under an instance id that follows from what it carries: an existing
/// instance is never replaced, whatever its state, and two callers racing to start it end with one instance.
/// </summary>
public static class StartOnce
{
    static readonly IReadOnlyList<string> AnyStatus = Enum.GetNames<OrchestrationRuntimeStatus>();

    /// <param name="fresh">The caller has just created what the instance carries, so no instance can exist yet: skip the look-up.</param>
    /// <param name="turn">
    /// When the instance should start running (null for at once; it exists, pending, from now): asked only when an
    /// instance is about to be scheduled, so a repeated call that finds it takes no one's turn.
    /// </param>
    public static async Task RunAsync(DurableTaskClient client, string orchestrator, string instanceId, object input, CancellationToken cancellationToken, bool fresh = false,
        Func<DateTimeOffset?>? turn = null)
    {
        if (!fresh && await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input,
                new StartOrchestrationOptions(instanceId, turn?.Invoke()) { DedupeStatuses = AnyStatus }, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another caller started it a moment ago.
        }
    }
}
