using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
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
/// <remarks>
/// The send-once row is claimed before the send: inserted as "sending" with a claim that outlasts one send (the
/// common case, one request), or, when it exists, taken over under its ETag if it is neither sent nor claimed. Two
/// runs of the same activity at once (a work item handed out again while the first run is still sending, on a
/// saturated host) then send once: the second finds the claim and fails, and its retry finds the email sent. A
/// failed send gives its claim up at once; only a crashed sender's claim has to run out.
/// </remarks>
public sealed partial class EmailSender(ISendGridClient client, MouazaraStorage storage, EmailFrom from, IOptions<EmailOptions> options, TimeProvider time,
    ILogger<EmailSender> logger)
{
    const string Sending = "sending";
    const string Sent = "sent";
    const string Failed = "failed";

    // Longer than one send may take (its timeout), shorter than the durable retries of the activity that sends (about a minute).
    TimeSpan Claim => options.Value.SendTimeout + TimeSpan.FromSeconds(15);

    public async Task<bool> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        Telemetry.MouazaraTelemetry.Tag(email.Scope);
        var record = await ClaimAsync(email, cancellationToken);
        if (record is null)
        {
            return false;
        }

        var message = MailHelper.CreateSingleEmail(new EmailAddress(from.Address, from.Name), new EmailAddress(email.To), email.Subject, email.Text, email.Html);
        message.AddCustomArg("scope", email.Scope);
        message.AddCustomArg("dedupKey", email.DedupKey);
        message.AddCustomArg("template", email.Template);
        message.AddCategory(email.Template);
        // Click tracking would rewrite every signed link through SendGrid's redirector, which would then see the tokens.
        message.SetClickTracking(enable: false, enableText: false);
        SendGrid.Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(record);
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            MouazaraTelemetry.EmailFailed(email.Template);
            LogRefused(logger, email.Template, email.Scope, (int)response.StatusCode);
            await ReleaseAsync(record);
            throw new EmailNotSentException($"SendGrid answered {(int)response.StatusCode} for {email.Template}.");
        }

        record.State = Sent;
        record.SentAt = time.GetUtcNow();
        record.ClaimedUntil = null;
        await storage.Emails.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken);
        MouazaraTelemetry.EmailSent(email.Template);
        LogSent(logger, email.Template, email.Scope);
        return true;
    }

    /// <summary>The row, claimed for this send; null when the email has been sent already.</summary>
    async Task<EmailEntity?> ClaimAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = new EmailEntity
        {
            PartitionKey = email.Scope, RowKey = email.DedupKey, Template = email.Template, Language = email.Language,
            State = Sending, Attempts = 1, ClaimedUntil = now + Claim,
        };
        try
        {
            record.ETag = (await storage.Emails.AddEntityAsync(record, cancellationToken)).Headers.ETag ?? default;
            return record;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var existing = await storage.Emails.FindAsync<EmailEntity>(email.Scope, email.DedupKey, cancellationToken)
            ?? throw new EmailNotSentException($"The send-once row of {email.Template} went away while it was claimed; the retry sends it.");
        if (existing.State == Sent)
        {
            return null;
        }

        if (existing.State == Sending && existing.ClaimedUntil > now)
        {
            throw new EmailNotSentException($"{email.Template} is being sent by another attempt until {existing.ClaimedUntil:O}; the retry finds it sent.");
        }

        existing.State = Sending;
        existing.Attempts++;
        existing.ClaimedUntil = now + Claim;
        try
        {
            existing.ETag = (await storage.Emails.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? default;
            return existing;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new EmailNotSentException($"Another attempt claimed {email.Template} first; the retry finds it sent.");
        }
    }

    /// <summary>Gives the claim up after a failed send, so that the retry sends at once; best effort (an unreleased claim only runs out).</summary>
    async Task ReleaseAsync(EmailEntity record)
    {
        record.State = Failed;
        record.ClaimedUntil = null;
        try
        {
            await storage.Emails.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
        }
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
