using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Intake;

namespace Mouazara.Eligibility;

/// <summary>Runs the rules on the application's data and keeps every verdict in the read model.</summary>
[DurableTask(nameof(CheckEligibility))]
public sealed class CheckEligibility(ApplicationStore applications, EditionStore editions) : TaskActivity<ApplicationRef, EligibilityCheck>
{
    public override async Task<EligibilityCheck> RunAsync(TaskActivityContext context, ApplicationRef app)
    {
        var edition = await editions.GetAsync(app.Edition);
        var entity = await applications.GetAsync(app.Edition, app.ApplicationId);
        var applicant = entity.ReadApplicant();
        var project = entity.ReadProject();
        var result = EligibilityRules.Evaluate(edition, new EligibilityFacts(
            applicant.Type, applicant.Region, project.Sector, project.RequestedAmount, project.TotalBudget, applicant.FoundedOn));
        await applications.UpdateAsync(app.Edition, app.ApplicationId, a => a.EligibilityJson = JsonSerializer.Serialize(result, Json.Options));
        return new EligibilityCheck(
            result.Outcome,
            result.Rules.Where(r => r.Verdict == RuleVerdict.Fail).Select(r => r.Rule).ToList(),
            result.Rules.Where(r => r.Verdict == RuleVerdict.Unclear).Select(r => r.Rule).ToList(),
            edition.StaffReviewReminderEvery);
    }
}

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
