using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Http;
using Mouazara.Intake;
using Mouazara.Programme;
using Mouazara.Security;
using Mouazara.Storage;

namespace Mouazara.Disbursement;

/// <summary>Marks a tranche due and tells finance; returns how long to wait before reminding them.</summary>
[DurableTask(nameof(MarkTrancheDue))]
public sealed class MarkTrancheDue(MouazaraStorage storage, EditionStore editions, ApplicationStore applications, EmailSender email)
    : TaskActivity<TrancheStep, TimeSpan>
{
    public override async Task<TimeSpan> RunAsync(TaskActivityContext context, TrancheStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var tranche = (await storage.Tranches.FindAsync<TrancheEntity>(step.ApplicationId, TrancheEntity.Key(step.Tranche)))!;
        if (tranche.Status == TrancheStatuses.Pending)
        {
            tranche.Status = TrancheStatuses.Due;
            tranche.DueAt = step.At;
            await storage.Tranches.UpdateEntityAsync(tranche, tranche.ETag, TableUpdateMode.Replace);
            await applications.AppendHistoryAsync(step.ApplicationId, step.At, $"tranche-{step.Tranche}-due", Statuses.Disbursing, "system",
                $"Tranche {step.Tranche} is due.");
        }

        await TrancheNotices.TellFinanceAsync(email, edition, step, tranche.AmountCentimes, reminder: false);
        return edition.Disbursement.FinanceReminderEvery;
    }
}

[DurableTask(nameof(RemindFinance))]
public sealed class RemindFinance(MouazaraStorage storage, EditionStore editions, EmailSender email) : TaskActivity<TrancheStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TrancheStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var tranche = (await storage.Tranches.FindAsync<TrancheEntity>(step.ApplicationId, TrancheEntity.Key(step.Tranche)))!;
        if (tranche.Status != TrancheStatuses.Due)
        {
            return false;
        }

        await TrancheNotices.TellFinanceAsync(email, edition, step, tranche.AmountCentimes, reminder: true);
        return true;
    }
}

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

/// <summary>Asks the applicant for the report a tranche requires, with a signed upload link.</summary>
[DurableTask(nameof(RequestReport))]
public sealed class RequestReport(ReportMailer mailer, EditionStore editions, MouazaraStorage storage) : TaskActivity<TrancheStep, ReportStage>
{
    public override async Task<ReportStage> RunAsync(TaskActivityContext context, TrancheStep step)
    {
        var edition = await editions.GetAsync(step.Edition);
        var (reminder, deadline) = edition.Disbursement.Reports.From(step.At);

        // A report sent since the previous tranche was paid (through an earlier link) already counts.
        var tranche = (await storage.Tranches.FindAsync<TrancheEntity>(step.ApplicationId, TrancheEntity.Key(step.Tranche)))!;
        var previous = await storage.Tranches.FindAsync<TrancheEntity>(step.ApplicationId, TrancheEntity.Key(step.Tranche - 1));
        var report = await storage.Documents.FindAsync<DocumentEntity>(step.ApplicationId, tranche.Requires ?? DocumentTypes.ProgressReport);
        if (report is not null && previous?.ReleasedAt is { } paid && report.UploadedAt >= paid)
        {
            return new ReportStage(reminder, deadline, edition.Disbursement.FinanceReminderEvery, AlreadyReceived: true);
        }

        await mailer.SendAsync(step, deadline, $"report-{step.Tranche}-request", reminder: false);
        return new ReportStage(reminder, deadline, edition.Disbursement.FinanceReminderEvery, AlreadyReceived: false);
    }
}

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

public sealed class ReportMailer(MouazaraStorage storage, ApplicationStore applications, Links links, EmailSender email)
{
    public async Task SendAsync(TrancheStep step, DateTimeOffset deadline, string key, bool reminder)
    {
        var tranche = (await storage.Tranches.FindAsync<TrancheEntity>(step.ApplicationId, TrancheEntity.Key(step.Tranche)))!;
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

/// <summary>Tells the applicant a tranche was paid, from what the ledger recorded.</summary>
[DurableTask(nameof(NotifyTrancheReleased))]
public sealed class NotifyTrancheReleased(MouazaraStorage storage, ApplicationStore applications, EmailSender email) : TaskActivity<TrancheStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TrancheStep step)
    {
        var entry = (await storage.Ledger.FindAsync<LedgerEntity>(step.ApplicationId, TrancheEntity.Key(step.Tranche)))!;
        var app = await applications.GetAsync(step.Edition, step.ApplicationId);
        var applicant = app.ReadApplicant();
        var language = app.ApplicantLanguage;
        var message = Templates.TrancheReleased(language, step.ApplicationId, step.Tranche, Money.Format(entry.AmountCentimes, language),
            DateOnly.ParseExact(entry.ValueDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return await email.SendAsync(new OutgoingEmail(step.ApplicationId, $"tranche-{step.Tranche}-released", applicant.Email, "tranche-released",
            language.Code(), message.Subject, message.Html, message.Text));
    }
}
