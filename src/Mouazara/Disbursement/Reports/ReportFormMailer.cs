using Mouazara.Applications;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Disbursement.Reports;

/// <summary>Emails the applicant a report's form link: the request, its reminders, and a request for changes with staff's reason.</summary>
public sealed class ReportFormMailer(ApplicationStore applications, SignedLinks links, EmailSender email)
{
    public async Task SendAsync(ReportStep step, DateTimeOffset deadline, string key, bool reminder = false, string? reason = null)
    {
        var app = await applications.GetAsync(step.Edition, step.ApplicationId);
        var applicant = app.ReadApplicant();
        var language = app.ApplicantLanguage;

        // A report stays welcome after its deadline: the link lives until the programme year is over.
        var link = new EmailLink(DocumentTypes.All[step.Type],
            links.Upload(step.ApplicationId, step.Edition, step.Type, Stages.Report(step.Number), RoundToDay(deadline + TimeSpan.FromDays(365))));
        var (template, message) = reason is not null
            ? ("report-changes-requested", Templates.ReportChangesRequested(language, step.ApplicationId, step.Number, reason, deadline, link))
            : (reminder ? "report-reminder" : step.Tranche is null ? "final-report-request" : "report-request",
                Templates.ReportForm(language, step.ApplicationId, step.Number, step.Tranche, deadline, link, reminder));
        await email.SendAsync(new OutgoingEmail(step.ApplicationId, key, applicant.Email, template, language.Code(), message.Subject, message.Html, message.Text));
    }

    static DateTimeOffset RoundToDay(DateTimeOffset instant) => new(instant.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
}
