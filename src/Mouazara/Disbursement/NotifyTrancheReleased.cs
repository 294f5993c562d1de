using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Texts;

namespace Mouazara.Disbursement;

/// <summary>Tells the applicant a tranche was paid, from what the ledger recorded.</summary>
[DurableTask(nameof(NotifyTrancheReleased))]
public sealed class NotifyTrancheReleased(TrancheStore tranches, ApplicationStore applications, EmailSender email) : TaskActivity<TrancheStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TrancheStep step)
    {
        var entry = (await tranches.FindReleaseAsync(step.ApplicationId, step.Tranche))!;
        var app = await applications.GetAsync(step.Edition, step.ApplicationId);
        var applicant = app.ReadApplicant();
        var language = app.ApplicantLanguage;
        var message = Templates.TrancheReleased(language, step.ApplicationId, step.Tranche, Money.Format(entry.AmountCentimes, language),
            DateOnly.ParseExact(entry.ValueDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return await email.SendAsync(new OutgoingEmail(step.ApplicationId, $"tranche-{step.Tranche}-released", applicant.Email, "tranche-released",
            language.Code(), message.Subject, message.Html, message.Text));
    }
}
