using Microsoft.DurableTask;
using Mouazara.Editions;

namespace Mouazara.Disbursement.Reports;

/// <summary>Staff asked for changes: the applicant gets the reason and a link for a new version, with a new deadline.</summary>
[DurableTask(nameof(RequestReportChanges))]
public sealed class RequestReportChanges(ReportStore reports, EditionStore editions, ReportFormMailer mailer) : TaskActivity<ReportStep, ReportTiming>
{
    public override async Task<ReportTiming> RunAsync(TaskActivityContext context, ReportStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var (reminder, deadline) = edition.Disbursement.Reports.From(step.At);
        var request = await reports.FindAsync(step.ApplicationId, step.Number, 0)
            ?? throw new InvalidOperationException($"Report {step.Number} of {step.ApplicationId} was never requested.");
        if (request.DeadlineAt != deadline)
        {
            request.DeadlineAt = deadline;
            request.LateAt = null;
            await reports.UpdateAsync(request);
        }

        await mailer.SendAsync(step, deadline, $"report-form-{step.Number}-v{step.Version}-changes", reason: step.Reason ?? "");
        return new ReportTiming(reminder, deadline, edition.Disbursement.FinanceReminderEvery, edition.StaffReviewReminderEvery);
    }
}
