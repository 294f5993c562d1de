




using Mouazara.Applications;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Disbursement;

public sealed class ReportMailer(TrancheStore tranches, ApplicationStore applications, SignedLinks links, EmailSender email)
{
    public async Task SendAsync(TrancheStep step, DateTimeOffset deadline, string key, bool reminder)
    {
        var tranche = await tranches.GetAsync(step.ApplicationId, step.Tranche);
        var documentType = tranche.Requires ?? DocumentTypes.ProgressReport;
        var app = await applications.GetAsync(step.Edition, step.ApplicationId);
        var applicant = app.ReadApplicant();
        var language = app.ApplicantLanguage;

        // A report stays welcome after its deadline: the link lives until the programme year is over.
        var link = new EmailLink(DocumentTypes.All[documentType],
            links.Upload(step.ApplicationId, step.Edition, documentType, Applications.Stages.Disbursement, RoundToDay(deadline + TimeSpan.FromDays(365))));
        var message = Templates.ReportRequest(language, step.ApplicationId, step.Tranche, deadline, link, reminder);
        await email.SendAsync(new OutgoingEmail(step.ApplicationId, key, applicant.Email, reminder ? "report-reminder" : "report-request",
            language.Code(), message.Subject, message.Html, message.Text));
    }

    static DateTimeOffset RoundToDay(DateTimeOffset instant) => new(instant.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
}
