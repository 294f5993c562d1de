using System.Runtime.CompilerServices;
using Microsoft.DurableTask;

namespace Mouazara.Applications;

/// <summary>
/// Rules a lifecycle version opts into at its start: staff decisions checked against the stage that waits for them,
/// and withdrawal honoured at every wait. The first version runs without them, so that the histories its instances
/// recorded replay exactly as they were written.
/// </summary>
public static class LifecycleRules
{
    static readonly ConditionalWeakTable<TaskOrchestrationContext, Task<WithdrawalRequested>> Withdrawals = new();

    /// <summary>Called once, first thing, by a lifecycle version that follows these rules.</summary>
    public static void Apply(TaskOrchestrationContext context) =>
        // One listener for the whole run: a withdrawal is delivered to the first listener, so every wait shares this one.
        Withdrawals.AddOrUpdate(context, context.WaitForExternalEvent<WithdrawalRequested>(nameof(WithdrawalRequested)));

    public static bool Applied(TaskOrchestrationContext context) => Withdrawals.TryGetValue(context, out _);

    /// <summary>The withdrawal a wait must give way to, or null for a lifecycle without these rules.</summary>
    internal static Task<WithdrawalRequested>? Withdrawal(TaskOrchestrationContext context) =>
        Withdrawals.TryGetValue(context, out var withdrawal) ? withdrawal : null;
}

/// <summary>Staff withdrew the application; the lifecycle ends at its next wait.</summary>
public sealed record WithdrawalRequested(string EventId, string Reason, string Actor, DateTimeOffset At);

/// <summary>Thrown out of a wait when the application is withdrawn; the lifecycle catches it at its top.</summary>
public sealed class ApplicationWithdrawnException(WithdrawalRequested withdrawal) : Exception("The application was withdrawn.")
{
    public WithdrawalRequested Withdrawal { get; } = withdrawal;
}
