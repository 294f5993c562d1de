using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

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
                ? new RuleResult("staff-review", RuleVerdict.Pass, "تحققت المصالح المختصة من الملف: " + decision.Reason, "Dossier vérifié par les services : " + decision.Reason)
                : new RuleResult("staff-review", RuleVerdict.Fail, "قرار المصالح المختصة: " + decision.Reason, "Décision des services : " + decision.Reason));
            var outcome = decision.Eligible ? EligibilityResult.EligibleOutcome : EligibilityResult.IneligibleOutcome;
            a.EligibilityJson = JsonSerializer.Serialize(new EligibilityResult(outcome, decision.Eligible, rules), Json.Options);
        });
        return true;
    }
}
