using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Disbursement.Reports;
using Mouazara.Documents;
using Mouazara.Kernel;

namespace Mouazara.Disbursement;

/// <summary>
/// Stage 5: tranche by tranche. A tranche that requires a report first asks the applicant for it; then it
/// falls due and waits for finance to release it, reminding finance while it waits. The release itself is
/// written to the ledger by the finance call; here it only moves the plan on.
/// </summary>
/// <remarks>
/// With <see cref="DisbursementInput.ValidatedReports"/> a report is a form of figures and a file that staff accept or
/// send back (<see cref="ReportWorkflow"/>), and <see cref="RunFinalReportAsync"/> asks for the final report. Without it
/// (the first lifecycle, whose in-flight histories must replay unchanged) a report is any upload of its type.
/// </remarks>
public static class DisbursementWorkflow
{
    public static async Task<int> RunAsync(TaskOrchestrationContext context, DisbursementInput input)
    {
        var releases = new EventWaiter<TrancheReleased>(context, nameof(TrancheReleased));
        var resumptions = new EventWaiter<DisbursementResumed>(context, nameof(DisbursementResumed));
        var reports = 0;
        foreach (var tranche in input.Tranches)
        {
            var step = new TrancheStep(input.ApplicationId, input.Edition, tranche.Number, context.Now());
            if (tranche.Requires is not null && input.ValidatedReports)
            {
                await ReportWorkflow.RunAsync(context, new ReportStep(input.ApplicationId, input.Edition, ++reports, tranche.Requires, tranche.Number, context.Now()));
            }
            else if (tranche.Requires is not null)
            {
                await WaitForReportAsync(context, step, tranche.Requires);
            }

            if (LifecycleRules.Applied(context))
            {
                await WaitWhileSuspendedAsync(context, step, resumptions);
            }

            var remindEvery = await context.CallActivityAsync<TimeSpan>(nameof(MarkTrancheDue), step with { At = context.Now() }, Orchestration.Retry);
            for (var round = 1; ; round++)
            {
                var released = await releases.NextAsync(context.Now() + remindEvery);
                if (released is null)
                {
                    await context.CallActivityAsync(nameof(RemindFinance), step with { Round = round }, Orchestration.Retry);
                }
                else if (released.Tranche == tranche.Number)
                {
                    break;
                }
            }

            await context.CallActivityAsync(nameof(NotifyTrancheReleased), step, Orchestration.Retry);
        }

        return input.Tranches.Count;
    }

    /// <summary>A held disbursement lets no tranche fall due; the hold is read again on each resumption and weekly.</summary>
    static async Task WaitWhileSuspendedAsync(TaskOrchestrationContext context, TrancheStep step, EventWaiter<DisbursementResumed> resumptions)
    {
        while (await context.CallActivityAsync<bool>(nameof(CheckSuspension), step, Orchestration.Retry))
        {
            await resumptions.NextAsync(context.Now() + TimeSpan.FromDays(7));
        }
    }

    /// <summary>After the last tranche: the final report, numbered after the tranches' reports, until staff accept it.</summary>
    public static Task RunFinalReportAsync(TaskOrchestrationContext context, DisbursementInput input) =>
        ReportWorkflow.RunAsync(context, new ReportStep(input.ApplicationId, input.Edition, input.Tranches.Count(t => t.Requires is not null) + 1,
            DocumentTypes.FinalReport, null, context.Now()));

    static async Task WaitForReportAsync(TaskOrchestrationContext context, TrancheStep step, string documentType)
    {
        var stage = await context.CallActivityAsync<ReportStage>(nameof(RequestReport), step, Orchestration.Retry);
        if (stage.AlreadyReceived)
        {
            return;
        }

        var uploads = new EventWaiter<DocumentUploaded>(context, nameof(DocumentUploaded));
        var reminded = stage.ReminderAt >= stage.Deadline;
        for (var round = 1; ; round++)
        {
            var wake = reminded ? (stage.Deadline > context.Now() ? stage.Deadline : context.Now() + stage.FinanceReminderEvery) : stage.ReminderAt;
            var upload = await uploads.NextAsync(wake);
            if (upload?.DocumentType == documentType)
            {
                return;
            }

            if (upload is null)
            {
                // Late reports are not fatal: the applicant is reminded again and staff see the tranche waiting.
                reminded = true;
                await context.CallActivityAsync(nameof(RemindReport), step with { Round = round }, Orchestration.Retry);
            }
        }
    }
}

/// <summary>Finance released a tranche; the ledger already holds it.</summary>
public sealed record TrancheReleased(string EventId, int Tranche);

/// <param name="ValidatedReports">Reports through the form, validated by staff; false keeps the first lifecycle's plain upload.</param>
public sealed record DisbursementInput(string ApplicationId, string Edition, IReadOnlyList<AwardTranche> Tranches, bool ValidatedReports = false);

public sealed record TrancheStep(string ApplicationId, string Edition, int Tranche, DateTimeOffset At, int Round = 0);

public sealed record ReportStage(DateTimeOffset ReminderAt, DateTimeOffset Deadline, TimeSpan FinanceReminderEvery, bool AlreadyReceived);
