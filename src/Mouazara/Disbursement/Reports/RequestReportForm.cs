using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Disbursement.Reports;

/// <summary>Records that report n is asked for (its type, tranche and deadline) and emails the applicant its form link.</summary>
[DurableTask(nameof(RequestReportForm))]
public sealed class RequestReportForm(ReportStore reports, EditionStore editions, ApplicationStore applications, ReportFormMailer mailer)
    : TaskActivity<ReportStep, ReportTiming>
{
    public override async Task<ReportTiming> RunAsync(TaskActivityContext context, ReportStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var (reminder, deadline) = edition.Disbursement.Reports.From(step.At);
        if (await reports.TryAddAsync(new ReportEntity
        {
            PartitionKey = step.ApplicationId,
            RowKey = ReportEntity.Key(step.Number, 0),
            Edition = step.Edition,
            Number = step.Number,
            Type = step.Type,
            Tranche = step.Tranche,
            RequestedAt = step.At,
            DeadlineAt = deadline,
        }))
        {
            await applications.AppendHistoryAsync(step.ApplicationId, step.At, $"report-{step.Number}-requested", Statuses.Disbursing, "system",
                step.Tranche is null ? $"Final report (report {step.Number}) requested." : $"Report {step.Number} requested for tranche {step.Tranche}.");
        }

        await mailer.SendAsync(step, deadline, $"report-form-{step.Number}-request");
        return new ReportTiming(reminder, deadline, edition.Disbursement.FinanceReminderEvery, edition.StaffReviewReminderEvery);
    }
}
