using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Disbursement.Agreements;
using Mouazara.Documents;
using Mouazara.Eligibility;
using Mouazara.Kernel;
using Mouazara.Selection;

namespace Mouazara.Lifecycle;

/// <summary>
/// One application from receipt to closing, second version: an application the committee approves is
/// <c>shortlisted</c> and waits for its edition's selection round, which decides for every shortlisted application at
/// once within each funder's envelope and the edition's targets; it is then selected (its award is the amount and
/// funder the selection gave), waitlisted (it keeps waiting) or not selected. Its first stage (receipt, documents
/// checklist, request) is one activity, <see cref="ReceiveApplication"/>. Started for every new application.
/// </summary>
/// <remarks>
/// Versioning: <see cref="ApplicationOrchestrator"/> stays registered, unchanged, so that instances started before
/// this version finish as they began (their award is their request). A further change to the sequence of activities,
/// timers or events ships as a third version beside these two.
/// </remarks>
[DurableTask(nameof(ApplicationOrchestratorV2))]
public sealed class ApplicationOrchestratorV2 : TaskOrchestrator<ApplicationRef, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, ApplicationRef app)
    {
        LifecycleRules.Apply(context);
        try
        {
            return await RunStagesAsync(context, app);
        }
        catch (ApplicationWithdrawnException withdrawn)
        {
            var withdrawal = withdrawn.Withdrawal;
            await ReturnMoneyAsync(context, app, withdrawal.Actor, "Withdrawn");
            return await context.FinishAsync(app, Statuses.Withdrawn, "Withdrawn by staff: " + withdrawal.Reason, withdrawal.Actor);
        }
    }

    static async Task<string> RunStagesAsync(TaskOrchestrationContext context, ApplicationRef app)
    {
        // Receipt, documents stage and request in one activity (the first version runs four for them).
        var documents = await context.CallActivityAsync<DocumentsStage>(nameof(ReceiveApplication),
            new DocumentsStageInput(app.ApplicationId, app.Edition, context.Now()), Orchestration.Retry);
        if (documents.Withdrawal is { } withdrawal)
        {
            // Withdrawn before it started: the event staff raised then was dropped; the row kept it.
            throw new ApplicationWithdrawnException(withdrawal);
        }

        if (!await DocumentsWorkflow.WaitForUploadsAsync(context, app, documents))
        {
            return await context.FinishAsync(app, Statuses.Incomplete, "Document deadline passed.");
        }

        if (!await EligibilityWorkflow.RunAsync(context, app))
        {
            return Statuses.Ineligible;
        }

        var evaluation = await CommitteeWorkflow.RunAsync(context, app, consensus: true);
        if (!evaluation.Approved)
        {
            return await context.FinishAsync(app, Statuses.NotSelected,
                $"Committee recommendation: {evaluation.Recommendation} (score {evaluation.AverageScore}).", evaluation.DecidedBy);
        }

        await context.SetStatusAsync(app, Statuses.Shortlisted, $"Committee approved (score {evaluation.AverageScore}); waits for the edition's selection.",
            notify: true, actor: evaluation.DecidedBy);
        var outcome = await SelectionWorkflow.WaitForOutcomeAsync(context, app);
        if (outcome.Outcome != SelectionOutcomes.Selected)
        {
            return await context.FinishAsync(app, Statuses.NotSelected, "Not selected in the edition's selection.", "selection");
        }

        var award = await context.CallActivityAsync<Award>(nameof(RecordAward),
            new AwardInput(app.ApplicationId, app.Edition, context.Now(), outcome.AmountCentimes, outcome.Funder), Orchestration.Retry);
        await context.SetStatusAsync(app, Statuses.Selected, $"Selected: {award.Amount} MAD from {award.Funder} in {award.Tranches.Count} tranches.",
            notify: true, actor: "selection");
        if (!await AgreementWorkflow.RunAsync(context, app))
        {
            await ReturnMoneyAsync(context, app, "system", "Award lapsed");
            return await context.FinishAsync(app, Statuses.AwardLapsed, "No countersigned funding agreement by the deadline.");
        }

        await context.SetStatusAsync(app, Statuses.Disbursing, "Funding agreement countersigned.");
        var disbursement = new DisbursementInput(app.ApplicationId, app.Edition, award.Tranches, ValidatedReports: true);
        await DisbursementWorkflow.RunAsync(context, disbursement);
        await DisbursementWorkflow.RunFinalReportAsync(context, disbursement);
        return await context.FinishAsync(app, Statuses.Closed, "Every tranche released and the final report accepted.");
    }

    /// <summary>Cancels what is unpaid and hands it back to the edition's selection, whose waitlist takes it.</summary>
    static async Task ReturnMoneyAsync(TaskOrchestrationContext context, ApplicationRef app, string actor, string why)
    {
        var returned = await context.CallActivityAsync<ReturnedMoney>(nameof(CancelTranches),
            new TrancheCancellation(app.ApplicationId, app.Edition, context.Now(), actor, why), Orchestration.Retry);
        if (returned is { Funder: { } funder, AmountCentimes: > 0 })
        {
            context.SendEvent(SelectionRoundStatuses.Instance(app.Edition), nameof(AwardReturned),
                new AwardReturned("returned-" + app.ApplicationId, app.ApplicationId, funder, returned.AmountCentimes, actor));
        }
    }
}
