using Microsoft.DurableTask;
using Mouazara.Editions;
using Mouazara.Email;

namespace Mouazara.Disbursement;

[DurableTask(nameof(RemindFinance))]
public sealed class RemindFinance(TrancheStore tranches, EditionStore editions, EmailSender email) : TaskActivity<TrancheStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TrancheStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var tranche = await tranches.GetAsync(step.ApplicationId, step.Tranche);
        if (tranche.Status != TrancheStatuses.Due)
        {
            return false;
        }

        await TrancheNotices.TellFinanceAsync(email, edition, step, tranche.AmountCentimes, reminder: true);
        return true;
    }
}
