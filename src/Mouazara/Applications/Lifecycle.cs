using Microsoft.DurableTask;

namespace Mouazara.Applications;

/// <summary>
/// What every orchestration of an application carries: ids only. Names, phones, registration and bank
/// numbers stay in tables, because the task hub keeps inputs and outputs for as long as it keeps history.
/// </summary>
public sealed record ApplicationRef(string ApplicationId, string Edition);

/// <summary>A change of status, written to the read model and the history, with the applicant told when asked.</summary>
public sealed record StatusChange(
    string ApplicationId,
    string Edition,
    string Status,
    DateTimeOffset At,
    string Actor,
    string Reason,
    bool NotifyApplicant = false,
    string? ReviewStage = null);

/// <summary>
/// Determinism rules for every orchestrator in this product: time from <c>context.CurrentUtcDateTime</c>, no
/// I/O, no configuration, no Guid.NewGuid — whatever an orchestrator needs arrives as input or from an activity.
/// </summary>
public static class Lifecycle
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
}

/// <summary>
/// Waits for one kind of external event, each wait bounded by a durable timer. A wait whose timer fires
/// keeps listening for the next call, so an event that arrives while the orchestrator is busy with an
/// activity is never dropped; every wait in the product goes through here, so none can wait forever.
/// </summary>
public sealed class EventWaiter<T>(TaskOrchestrationContext context, string eventName)
    where T : class
{
    Task<T>? pending;

    /// <summary>The next event, or null when <paramref name="until"/> comes first.</summary>
    public async Task<T?> NextAsync(DateTimeOffset until)
    {
        pending ??= context.WaitForExternalEvent<T>(eventName);
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(until.UtcDateTime, cancelTimer.Token);
        if (await Task.WhenAny(pending, timer) != pending)
        {
            return null;
        }

        // Synchronous on purpose: an orchestrator may only await durable tasks.
#pragma warning disable CA1849
        cancelTimer.Cancel();
#pragma warning restore CA1849
        var received = await pending;
        pending = null;
        return received;
    }
}
