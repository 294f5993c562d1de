using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Mouazara.Storage;
using Mouazara.Telemetry;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Mouazara.Email;

/// <summary>
/// Sends through SendGrid at most once per (scope, dedup key). A send that fails throws, so the durable
/// retry policy and the orchestration status see it instead of a swallowed error.
/// </summary>
public sealed partial class EmailSender(ISendGridClient client, MouazaraStorage storage, EmailFrom from, TimeProvider time, ILogger<EmailSender> logger)
{

    public async Task<bool> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        Telemetry.MouazaraTelemetry.Tag(email.Scope);
        var existing = await storage.Emails.FindAsync<EmailEntity>(email.Scope, email.DedupKey, cancellationToken);
        if (existing is { State: "sent" })
        {
            return false;
        }

        var record = existing ?? new EmailEntity { PartitionKey = email.Scope, RowKey = email.DedupKey, Template = email.Template, Language = email.Language };
        record.State = "sending";
        record.Attempts++;
        await storage.Emails.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken);

        var message = MailHelper.CreateSingleEmail(new EmailAddress(from.Address, from.Name), new EmailAddress(email.To), email.Subject, email.Text, email.Html);
        message.AddCustomArg("scope", email.Scope);
        message.AddCustomArg("dedupKey", email.DedupKey);
        message.AddCustomArg("template", email.Template);
        message.AddCategory(email.Template);
        // Click tracking would rewrite every signed link through SendGrid's redirector, which would then see the tokens.
        message.SetClickTracking(enable: false, enableText: false);
        var response = await client.SendEmailAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            MouazaraTelemetry.EmailFailed(email.Template);
            LogRefused(logger, email.Template, email.Scope, (int)response.StatusCode);
            throw new EmailNotSentException($"SendGrid answered {(int)response.StatusCode} for {email.Template}.");
        }

        record.State = "sent";
        record.SentAt = time.GetUtcNow();
        await storage.Emails.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken);
        MouazaraTelemetry.EmailSent(email.Template);
        LogSent(logger, email.Template, email.Scope);
        return true;
    }

    [LoggerMessage(LogLevel.Information, "Email {Template} sent for {Scope}")]
    static partial void LogSent(ILogger logger, string template, string scope);

    [LoggerMessage(LogLevel.Warning, "Email {Template} for {Scope} refused with status {Status}")]
    static partial void LogRefused(ILogger logger, string template, string scope, int status);
}

public sealed record OutgoingEmail(
    string Scope,
    string DedupKey,
    string To,
    string Template,
    string Language,
    string Subject,
    string Html,
    string Text);

public sealed record EmailFrom(string Address, string Name);
