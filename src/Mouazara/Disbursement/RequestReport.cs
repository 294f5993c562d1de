using Microsoft.DurableTask;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Disbursement;

/// <summary>Asks the applicant for the report a tranche requires, with a signed upload link.</summary>
[DurableTask(nameof(RequestReport))]
public sealed class RequestReport(ReportMailer mailer, EditionStore editions, TrancheStore tranches, DocumentStore documents) : TaskActivity<TrancheStep, ReportStage>
{
    public override async Task<ReportStage> RunAsync(TaskActivityContext context, TrancheStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var (reminder, deadline) = edition.Disbursement.Reports.From(step.At);

        // A report sent since the previous tranche was paid (through an earlier link) already counts.
        var tranche = await tranches.GetAsync(step.ApplicationId, step.Tranche);
        var previous = await tranches.FindAsync(step.ApplicationId, step.Tranche - 1);
        var report = await documents.FindAsync(step.ApplicationId, tranche.Requires ?? DocumentTypes.ProgressReport);
        if (report is not null && previous?.ReleasedAt is { } paid && report.UploadedAt >= paid)
        {
            return new ReportStage(reminder, deadline, edition.Disbursement.FinanceReminderEvery, AlreadyReceived: true);
        }

        await mailer.SendAsync(step, deadline, $"report-{step.Tranche}-request", reminder: false);
        return new ReportStage(reminder, deadline, edition.Disbursement.FinanceReminderEvery, AlreadyReceived: false);
    }
}
