using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Committee;

/// <summary>
/// Waits for the next vote or panel change, bounded by a durable timer, as <see cref="EventWaiter{T}"/> does for one
/// kind: an event that arrives while the lifecycle is busy stays pending for the next call; a withdrawal ends the wait.
/// </summary>
public sealed class PanelEvents(TaskOrchestrationContext context)
{
    Task<VoteCast>? vote;
    Task<PanelChange>? change;

    /// <summary>A <see cref="VoteCast"/> or a <see cref="PanelChange"/>, or null when <paramref name="until"/> comes first.</summary>
    public async Task<object?> NextAsync(DateTimeOffset until)
    {
        vote ??= context.WaitForExternalEvent<VoteCast>(nameof(VoteCast));
        change ??= context.WaitForExternalEvent<PanelChange>(nameof(PanelChange));
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(until.UtcDateTime, cancelTimer.Token);
        var withdrawal = LifecycleRules.Withdrawal(context);
        Task[] waits = withdrawal is null ? [vote, change, timer] : [vote, change, timer, withdrawal];
        var first = await Task.WhenAny(waits);
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

        if (first == vote)
        {
            var received = await vote;
            vote = null;
            return received;
        }

        var changed = await change;
        change = null;
        return changed;
    }
}
