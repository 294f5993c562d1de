using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Disbursement.Agreements;

/// <summary>
/// Emails the applicant, in their language, the agreement to sign and the link to return it, with the deadline; the
/// same message again as the reminder, or with staff's reason when they sent a signed copy back.
/// </summary>
[DurableTask(nameof(SendAgreement))]
public sealed class SendAgreement(ApplicationStore applications, EditionStore editions, SignedLinks links, EmailSender email)
    : TaskActivity<AgreementStep, AgreementStage>
{
    public override async Task<AgreementStage> RunAsync(TaskActivityContext context, AgreementStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var (reminderAt, deadline) = step.Deadline is { } fixedDeadline ? (fixedDeadline, fixedDeadline) : edition.Disbursement.Agreement.From(step.At);
        var app = step.Reminder
            ? await applications.GetAsync(step.Edition, step.ApplicationId)
            : await applications.UpdateAsync(step.Edition, step.ApplicationId, a =>
            {
                a.AgreementState = AgreementStates.Sent;
                a.DeadlineAt = deadline;
            });
        var award = JsonSerializer.Deserialize<Award>(app.AwardJson!, Json.Options)!;
        var funder = edition.Funders.FirstOrDefault(f => f.Id == award.Funder)?.Name ?? edition.Name;
        var language = app.ApplicantLanguage;

        // The link outlives the deadline by a day, so that a copy sent at the last minute is not refused by the link itself.
        var upload = new EmailLink(DocumentTypes.All[DocumentTypes.SignedAgreement],
            links.Upload(step.ApplicationId, step.Edition, DocumentTypes.SignedAgreement, Stages.Agreement, deadline + TimeSpan.FromDays(1)));
        var message = Templates.AgreementRequest(language, step.ApplicationId, Money.Format(award.AmountCentimes, language), funder.In(language),
            deadline, upload, step.SentBack, step.Reminder);
        var key = step.Reminder ? $"agreement-{step.Round}-reminder" : $"agreement-{step.Round}";
        await email.SendAsync(new OutgoingEmail(step.ApplicationId, key, app.ReadApplicant().Email, step.Reminder ? "agreement-reminder" : "agreement-request",
            language.Code(), message.Subject, message.Html, message.Text));
        if (!step.Reminder && step.SentBack is not null)
        {
            // The first sending is the status change's own history line.
            await applications.AppendHistoryAsync(step.ApplicationId, step.At, key, app.Status, "system", "Funding agreement sent again: " + step.SentBack);
        }

        return new AgreementStage(reminderAt, deadline, edition.StaffReviewReminderEvery);
    }
}
