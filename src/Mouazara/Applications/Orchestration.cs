using Microsoft.DurableTask;

namespace Mouazara.Applications;

/// <summary>
/// Determinism rules for every orchestrator in this product: time from <c>context.CurrentUtcDateTime</c>, no
/// I/O, no configuration, no Guid.NewGuid — whatever an orchestrator needs arrives as input or from an activity.
/// </summary>
public static class Orchestration
{
    /// <summary>Activities touch storage and SendGrid; transient failures are retried with backoff.</summary>
    public static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(2)));

    public static DateTimeOffset Now(this TaskOrchestrationContext context) => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    public static Task SetStatusAsync(this TaskOrchestrationContext context, ApplicationRef app, string status, string reason,
        bool notify = false, string actor = "system", string? reviewStage = null) =>
        context.CallActivityAsync(nameof(RecordStatus),
            new StatusChange(app.ApplicationId, app.Edition, status, context.Now(), actor, reason, notify, reviewStage), Retry);

    /// <summary>Moves the application to a final status, telling the applicant, and returns that status as the orchestration's output.</summary>
    public static async Task<string> FinishAsync(this TaskOrchestrationContext context, ApplicationRef app, string status, string reason, string actor = "system")
    {
        await context.SetStatusAsync(app, status, reason, notify: true, actor: actor);
        return status;
    }
}
