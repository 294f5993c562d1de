using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;
using Mouazara.Texts;

namespace Mouazara.Eligibility;

/// <summary>Records staff's verdict on the rules they were asked to verify.</summary>
[DurableTask(nameof(RecordEligibilityDecision))]
public sealed class RecordEligibilityDecision(ApplicationStore applications) : TaskActivity<EligibilityDecision, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, EligibilityDecision decision)
    {
        await applications.UpdateAsync(decision.Edition, decision.ApplicationId, a =>
        {
            var previous = a.EligibilityJson is null ? null : JsonSerializer.Deserialize<EligibilityResult>(a.EligibilityJson, Json.Options);
            var rules = (previous?.Rules ?? []).Where(r => r.Rule != "staff-review").ToList();
            rules.Add(decision.Eligible
                ? EligibilityRules.Rule("staff-review", RuleVerdict.Pass, EligibilityTexts.StaffVerified(decision.Reason))
                : EligibilityRules.Rule("staff-review", RuleVerdict.Fail, EligibilityTexts.StaffRefused(decision.Reason)));
            var outcome = decision.Eligible ? EligibilityResult.EligibleOutcome : EligibilityResult.IneligibleOutcome;
            a.EligibilityJson = JsonSerializer.Serialize(new EligibilityResult(outcome, decision.Eligible, rules), Json.Options);
        });
        return true;
    }
}
