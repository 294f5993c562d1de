using Microsoft.DurableTask;
using Mouazara.Editions;

namespace Mouazara.Disbursement;

[DurableTask(nameof(RemindReport))]
public sealed class RemindReport(ReportMailer mailer, EditionStore editions) : TaskActivity<TrancheStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TrancheStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var (_, deadline) = edition.Disbursement.Reports.From(step.At);
        await mailer.SendAsync(step, deadline, $"report-{step.Tranche}-reminder-{step.Round}", reminder: true);
        return true;
    }
}
