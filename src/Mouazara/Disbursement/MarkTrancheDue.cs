using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Kernel;

namespace Mouazara.Disbursement;

/// <summary>Marks a tranche due and tells finance; returns how long to wait before reminding them.</summary>
[DurableTask(nameof(MarkTrancheDue))]
public sealed class MarkTrancheDue(TrancheStore tranches, EditionStore editions, ApplicationStore applications, EmailSender email)
    : TaskActivity<TrancheStep, TimeSpan>
{
    public override async Task<TimeSpan> RunAsync(TaskActivityContext context, TrancheStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var tranche = await tranches.GetAsync(step.ApplicationId, step.Tranche);
        if (tranche.Status == TrancheStatuses.Pending)
        {
            tranche.Status = TrancheStatuses.Due;
            tranche.DueAt = step.At;
            await tranches.UpdateAsync(tranche);
            await applications.AppendHistoryAsync(step.ApplicationId, step.At, $"tranche-{step.Tranche}-due", Statuses.Disbursing, "system",
                $"Tranche {step.Tranche} is due.");
        }

        await TrancheNotices.TellFinanceAsync(email, edition, step, tranche.AmountCentimes, reminder: false);
        return edition.Disbursement.FinanceReminderEvery;
    }
}
