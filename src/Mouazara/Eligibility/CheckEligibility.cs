using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

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
