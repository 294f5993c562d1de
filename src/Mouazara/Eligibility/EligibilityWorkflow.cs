using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Eligibility;

/// <summary>Stage 2: the edition's rules decide; what they cannot decide, staff do. Returns whether the application goes on.</summary>
public static class EligibilityWorkflow
{
    public static async Task<bool> RunAsync(TaskOrchestrationContext context, ApplicationRef app)
    {
        await context.SetStatusAsync(app, Statuses.CheckingEligibility, "All required documents received.");
        var check = await context.CallActivityAsync<EligibilityCheck>(nameof(CheckEligibility), app, Orchestration.Retry);
        switch (check.Outcome)
        {
            case EligibilityResult.EligibleOutcome:
                return true;
            case EligibilityResult.IneligibleOutcome:
                await context.SetStatusAsync(app, Statuses.Ineligible, "Failed rules: " + string.Join(", ", check.FailedRules), notify: true);
                return false;
        }

        var decision = await context.WaitForDecisionAsync(app, Stages.Eligibility,
            "Rules to verify: " + string.Join(", ", check.UnclearRules), check.StaffReminderEvery);
        await context.CallActivityAsync(nameof(RecordEligibilityDecision),
            new EligibilityDecision(app.ApplicationId, app.Edition, decision.Approve, decision.Reason, decision.Actor, context.Now()), Orchestration.Retry);
        await context.SetStatusAsync(app, decision.Approve ? Statuses.CheckingEligibility : Statuses.Ineligible,
            (decision.Approve ? "Eligibility confirmed: " : "Eligibility refused: ") + decision.Reason,
            notify: !decision.Approve, actor: decision.Actor);

        return decision.Approve;
    }
}

public sealed record EligibilityCheck(string Outcome, IReadOnlyList<string> FailedRules, IReadOnlyList<string> UnclearRules, TimeSpan StaffReminderEvery);

public sealed record EligibilityDecision(string ApplicationId, string Edition, bool Eligible, string Reason, string Actor, DateTimeOffset At);
