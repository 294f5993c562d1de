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
    /// <summary>The lifecycle every new application starts with; older versions only finish what they began.</summary>
    public const string CurrentLifecycle = nameof(ApplicationOrchestratorV2);

    /// <param name="fresh">The caller has just created the application row, so no instance can exist yet: skip the look-up.</param>
    /// <param name="turn">Its turn when intake is paced (<see cref="Intake.IntakePacer.NextStart"/>); null for at once.</param>
    public static Task EnsureStartedAsync(DurableTaskClient client, ApplicationRef app, CancellationToken cancellationToken, bool fresh = false,
        Func<DateTimeOffset?>? turn = null) =>
        StartOnce.RunAsync(client, CurrentLifecycle, ApplicationIds.Instance(app.ApplicationId), app, cancellationToken, fresh, turn);
}
