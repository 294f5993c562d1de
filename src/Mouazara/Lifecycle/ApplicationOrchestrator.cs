using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Documents;
using Mouazara.Eligibility;
using Mouazara.Kernel;

namespace Mouazara.Lifecycle;

/// <summary>
/// One application from receipt to closing, one instance per application with an id that follows from the
/// application id, so HTTP handlers know where to raise their events. Each stage's steps live in its feature
/// folder (DocumentsWorkflow, EligibilityWorkflow, CommitteeWorkflow, DisbursementWorkflow). Returns the
/// final status.
/// </summary>
/// <remarks>
/// Versioning: instances live for a year, across deployments. A change that alters the sequence of
/// activities, timers or sub-orchestrations of an orchestrator must ship as a new orchestrator (e.g.
/// ApplicationOrchestratorV2) started for new applications, while this one stays to finish those in flight.
/// </remarks>
[DurableTask(nameof(ApplicationOrchestrator))]
public sealed class ApplicationOrchestrator : TaskOrchestrator<ApplicationRef, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, ApplicationRef app)
    {
        await context.SetStatusAsync(app, Statuses.Received, "Submission accepted.", notify: true);

        var complete = await DocumentsWorkflow.RunAsync(context, app);
        if (!complete)
        {
            return await context.FinishAsync(app, Statuses.Incomplete, "Document deadline passed.");
        }

        var eligible = await EligibilityWorkflow.RunAsync(context, app);
        if (!eligible)
        {
            return Statuses.Ineligible;
        }

        var outcome = await CommitteeWorkflow.RunAsync(context, app);
        if (!outcome.Approved)
        {
            return await context.FinishAsync(app, Statuses.NotSelected, $"Committee recommendation: {outcome.Recommendation} (score {outcome.AverageScore}).", outcome.DecidedBy);
        }

        var award = await context.CallActivityAsync<Award>(nameof(RecordAward), new AwardInput(app.ApplicationId, app.Edition, context.Now()), Orchestration.Retry);
        await context.SetStatusAsync(app, Statuses.Selected, $"Awarded {award.Amount} MAD in {award.Tranches.Count} tranches.", notify: true, actor: outcome.DecidedBy);
        await context.SetStatusAsync(app, Statuses.Disbursing, "Funding agreement recorded.");
        await DisbursementWorkflow.RunAsync(context, new DisbursementInput(app.ApplicationId, app.Edition, award.Tranches));
        return await context.FinishAsync(app, Statuses.Closed, "All tranches released.");
    }
}
