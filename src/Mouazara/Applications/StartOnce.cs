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
    /// <param name="startAt">When the instance should start running, if not at once: it exists (pending) from now.</param>
    public static async Task RunAsync(DurableTaskClient client, string orchestrator, string instanceId, object input, CancellationToken cancellationToken, bool fresh = false,
        DateTimeOffset? startAt = null)
    {
        if (!fresh && await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input,
                new StartOrchestrationOptions(instanceId, startAt) { DedupeStatuses = AnyStatus }, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another caller started it a moment ago.
        }
    }
}
