using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;

namespace Mouazara.Lifecycle;

/// <summary>
/// Starts an application's orchestration exactly once. Instance ids follow from application ids, and an
/// existing instance is never replaced, whatever its state: a replayed old delivery cannot restart a
/// closed application.
/// </summary>
public static class ApplicationStarter
{
    static readonly IReadOnlyList<string> AnyStatus = Enum.GetNames<OrchestrationRuntimeStatus>();

    /// <param name="fresh">The caller has just created the application row, so no instance can exist yet: skip the look-up.</param>
    public static async Task EnsureStartedAsync(DurableTaskClient client, ApplicationRef app, CancellationToken cancellationToken, bool fresh = false)
    {
        var instanceId = ApplicationIds.Instance(app.ApplicationId);
        if (!fresh && await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApplicationOrchestrator), app,
                new StartOrchestrationOptions(instanceId) { DedupeStatuses = AnyStatus }, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another delivery of the same submission started it a moment ago.
        }
    }
}
