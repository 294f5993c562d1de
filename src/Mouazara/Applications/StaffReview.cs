using Microsoft.DurableTask;
using Mouazara.Kernel;

namespace Mouazara.Applications;

/// <summary>
/// Cases the rules or the committee cannot settle wait for a programme staff decision; staff are told, and
/// reminded on the edition's rhythm until someone decides.
/// </summary>
public static class StaffReview
{
    public static async Task<StaffDecision> WaitForDecisionAsync(this TaskOrchestrationContext context, ApplicationRef app,
        string stage, string reason, TimeSpan remindEvery)
    {
        await context.SetStatusAsync(app, Statuses.AwaitingStaffReview, reason, reviewStage: stage);
        var decisions = new EventWaiter<StaffDecision>(context, nameof(StaffDecision));
        for (var round = 0; ; round++)
        {
            await context.CallActivityAsync(nameof(NotifyStaff), new StaffNotice(app.ApplicationId, app.Edition, stage, round), Orchestration.Retry);
            var decision = await decisions.NextAsync(context.Now() + remindEvery);

            // A decision meant for an earlier stage (sent twice, or late) must not settle this one.
            while (decision is not null && LifecycleRules.Applied(context) && decision.StageOrFromId != stage)
            {
                decision = await decisions.NextAsync(context.Now() + remindEvery);
            }

            if (decision is not null)
            {
                return decision;
            }
        }
    }
}

/// <summary>Staff decided a case that the rules or the committee could not settle.</summary>
public sealed record StaffDecision(string EventId, bool Approve, string Reason, string Actor, string? Stage = null)
{
    /// <summary>Decisions raised before they carried their stage name it in their event id, <c>decision-{stage}</c>.</summary>
    public string StageOrFromId => Stage ?? (EventId.StartsWith("decision-", StringComparison.Ordinal) ? EventId["decision-".Length..] : "");
}

public sealed record StaffNotice(string ApplicationId, string Edition, string Stage, int Round);
