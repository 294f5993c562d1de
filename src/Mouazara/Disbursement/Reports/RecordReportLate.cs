using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Disbursement.Reports;

/// <summary>A report's deadline passed without a version: marked on its request and written to the history, for staff to see.</summary>
[DurableTask(nameof(RecordReportLate))]
public sealed class RecordReportLate(ReportStore reports, ApplicationStore applications) : TaskActivity<ReportStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReportStep step)
    {
        var request = await reports.FindAsync(step.ApplicationId, step.Number, 0)
            ?? throw new InvalidOperationException($"Report {step.Number} of {step.ApplicationId} was never requested.");
        if (request.LateAt is null)
        {
            request.LateAt = step.At;
            await reports.UpdateAsync(request);
        }

        await applications.AppendHistoryAsync(step.ApplicationId, step.At, $"report-{step.Number}-late-{step.Attempt}", Statuses.Disbursing, "system",
            $"Report {step.Number} is late: its deadline passed on {request.DeadlineAt:u} without a version submitted.");
        return true;
    }
}
