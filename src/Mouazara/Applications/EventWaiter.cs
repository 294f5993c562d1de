using Microsoft.DurableTask;

namespace Mouazara.Applications;

/// <summary>
/// Waits for one kind of external event, each wait bounded by a durable timer. A wait whose timer fires
/// keeps listening for the next call, so an event that arrives while the orchestrator is busy with an
/// activity is never dropped; every wait in the product goes through here, so none can wait forever, and
/// a withdrawal (<see cref="LifecycleRules"/>) ends any of them.
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
        var withdrawal = LifecycleRules.Withdrawal(context);
        var first = withdrawal is null ? await Task.WhenAny(pending, timer) : await Task.WhenAny(pending, timer, withdrawal);
        if (first == timer)
        {
            return null;
        }

        // Synchronous on purpose: an orchestrator may only await durable tasks.
#pragma warning disable CA1849
        cancelTimer.Cancel();
#pragma warning restore CA1849
        if (first == withdrawal)
        {
            throw new ApplicationWithdrawnException(await withdrawal);
        }

        var received = await pending;
        pending = null;
        return received;
    }
}
