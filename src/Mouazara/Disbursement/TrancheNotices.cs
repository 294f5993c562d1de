




using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Texts;

namespace Mouazara.Disbursement;

static class TrancheNotices
{
    public static async Task TellFinanceAsync(EmailSender email, Edition edition, TrancheStep step, long amount, bool reminder)
    {
        var message = Templates.TrancheDue(step.ApplicationId, step.Tranche, Money.Format(amount, Language.Fr), reminder);
        for (var i = 0; i < edition.Disbursement.FinanceEmails.Count; i++)
        {
            var key = reminder ? $"tranche-{step.Tranche}-reminder-{step.Round}-{i}" : $"tranche-{step.Tranche}-due-{i}";
            await email.SendAsync(new OutgoingEmail(step.ApplicationId, key, edition.Disbursement.FinanceEmails[i], "tranche-due", "fr",
                message.Subject, message.Html, message.Text));
        }
    }
}
