using Microsoft.DurableTask;

namespace Mouazara.Disbursement.Reports;

/// <summary>Reminds the applicant of a report still awaited, with its form link.</summary>
[DurableTask(nameof(RemindReportForm))]
public sealed class RemindReportForm(ReportStore reports, ReportFormMailer mailer) : TaskActivity<ReportStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReportStep step)
    {
        var request = await reports.FindAsync(step.ApplicationId, step.Number, 0)
            ?? throw new InvalidOperationException($"Report {step.Number} of {step.ApplicationId} was never requested.");
        await mailer.SendAsync(step, request.DeadlineAt ?? step.At, $"report-form-{step.Number}-a{step.Attempt}-reminder-{step.Round}", reminder: true);
        return true;
    }
}
