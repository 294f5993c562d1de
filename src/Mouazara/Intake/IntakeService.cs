using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Intake.Fetching;
using Mouazara.Intake.Inbox;
using Mouazara.Kernel;
using Mouazara.Lifecycle;

namespace Mouazara.Intake;

/// <summary>
/// Turns a validated submission into an application, once. Files are stored before the application row is
/// inserted and the orchestration is started last, so a crash at any point leaves either nothing visible
/// or a state the next delivery of the same submission completes.
/// </summary>
public sealed partial class IntakeService(
    EditionStore editions,
    ApplicationStore applications,
    DocumentStore attachments,
    DeliveryInbox inbox,
    IntakePacer pacer,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<IntakeService> logger)
{
    public long MaxFileBytes => attachments.MaxFileBytes;

    /// <summary>
    /// Accepts a generic delivery already verified and validated. Inline files (base64 or multipart parts) are
    /// stored here, in the request; files given by URL go through the durable inbox like the providers' and are
    /// fetched by an activity before the application's lifecycle starts.
    /// </summary>
    public async Task<IntakeOutcome> AcceptAsync(string provider, Submission submission, IReadOnlyList<InlineFile> inline,
        DurableTaskClient client, ReadOnlyMemory<byte> fields, CancellationToken cancellationToken)
    {
        var applicationId = ApplicationIds.For(provider, submission.SubmissionId);
        Telemetry.MouazaraTelemetry.Tag(applicationId);
        var key = DeliveryInbox.KeyFor(submission.SubmissionId, default);
        var existing = await applications.FindAsync(applicationId, cancellationToken);
        if (existing is not null)
        {
            // A delivery with links started through the inbox, whose row was written before the application's.
            if (await inbox.FindAsync(provider, key, cancellationToken) is { } kept)
            {
                await DeliveryInbox.EnsureProcessingAsync(client, kept, cancellationToken, pacer.NextStart);
            }
            else if (existing.Status == Statuses.Received)
            {
                // Only an application that never left "received" can have lost its start; one that moved on had an
                // orchestration, and after its history is purged a re-sent delivery must not start it again. A start lost
                // to a failed first try (a sender retrying a 503) still waits for its turn.
                await ApplicationStarter.EnsureStartedAsync(client, new ApplicationRef(applicationId, existing.Edition), cancellationToken, turn: pacer.NextStart);
            }

            return new IntakeOutcome(new IntakeAccepted(applicationId, existing.Edition, existing.Status, false, existing.SubmittedAt), null);
        }

        var now = time.GetUtcNow();
        var errors = await CheckAsync(provider, submission, cancellationToken);
        var files = new List<(SubmittedDocument Document, InlineFile File)>();
        for (var i = 0; i < submission.Documents.Count; i++)
        {
            var document = submission.Documents[i];
            if (document.Url is not null)
            {
                continue;
            }

            if (document.InlineIndex is not { } index || index >= inline.Count || files.Any(f => f.File.Index == index))
            {
                errors[$"documents[{i}].contentBase64"] = ["Send the file as one plain base64 JSON string."];
                continue;
            }

            var file = inline[index];
            if (file.TooLarge)
            {
                return new IntakeOutcome(null, null, TooLarge: true);
            }

            var problem = await InspectAsync(file, document.ContentType, cancellationToken);
            if (problem is not null)
            {
                errors[$"documents[{i}].contentBase64"] = [problem];
                continue;
            }

            files.Add((document, file));
        }

        if (errors.Count > 0)
        {
            return new IntakeOutcome(null, errors);
        }

        // Files first, then their rows in one transaction (one partition per application): one request, not one per file.
        var rows = new List<DocumentEntity>();
        foreach (var (document, file) in files)
        {
            var (stored, rejection) = await attachments.StoreAsync(
                kind => DocumentStore.BlobNameFor(submission.Edition, applicationId, document.Type, "intake", kind.Extension),
                file.Content, document.ContentType, cancellationToken);
            if (stored is null)
            {
                throw new InvalidOperationException($"A file inspected as valid was refused on upload: {rejection}.");
            }

            rows.Add(DocumentStore.Row(applicationId, document.Type, document.FileName, stored, now, "intake"));
        }

        await attachments.ReplaceAllAsync(rows, cancellationToken);

        var links = submission.Documents.Where(d => d.Url is not null)
            .Select(d => new DeliveryFile(d.Type, d.FileName, d.ContentType, d.Url!.AbsoluteUri)).ToList();
        bool created;
        if (links.Count == 0)
        {
            created = await AddApplicationAsync(provider, submission, applicationId, now, cancellationToken);
            await ApplicationStarter.EnsureStartedAsync(client, new ApplicationRef(applicationId, submission.Edition), cancellationToken, created, pacer.NextStart);
        }
        else
        {
            // The inbox row first: a retry that finds the application then finds the row, and never starts the
            // lifecycle before the linked files are fetched.
            var (row, _) = await inbox.KeepAsync(provider, key, submission.SubmissionId, null, DeliveryStatuses.Received, fields, null, cancellationToken, r =>
            {
                r.ApplicationId = applicationId;
                r.Edition = submission.Edition;
                r.FilesJson = JsonSerializer.Serialize(links, Json.Options);
            });
            created = await AddApplicationAsync(provider, submission, applicationId, now, cancellationToken);
            await DeliveryInbox.EnsureProcessingAsync(client, row, cancellationToken, pacer.NextStart);
        }

        if (created)
        {
            LogAccepted(logger, applicationId, provider, files.Count + links.Count);
        }

        return new IntakeOutcome(new IntakeAccepted(applicationId, submission.Edition, Statuses.Received, created, now), null);
    }

    /// <summary>
    /// What makes a valid submission unacceptable: an unknown edition, or one whose call was not open when the
    /// delivery arrived (<paramref name="arrivedAt"/>, now by default: a kept delivery re-processed after the call
    /// closed is judged by when the applicant sent it), or a file link to a host not configured for the provider
    /// (it would never be fetched, so the sender hears of it at once).
    /// </summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(string provider, Submission submission, CancellationToken cancellationToken,
        DateTimeOffset? arrivedAt = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        // Edition ids are table keys: one that is not an id cannot name an edition (and must not reach the table as a key).
        var edition = EditionRules.IsId(submission.Edition) ? await editions.FindAsync(submission.Edition, cancellationToken) : null;
        if (edition is null)
        {
            errors["edition"] = ["No such edition."];
        }
        else
        {
            var today = DateOnly.FromDateTime(CasablancaTime.ToLocal(arrivedAt ?? time.GetUtcNow()).DateTime);
            if (today < edition.OpensOn || today > edition.ClosesOn)
            {
                errors["edition"] = [$"The call is open from {edition.OpensOn:yyyy-MM-dd} to {edition.ClosesOn:yyyy-MM-dd}."];
            }
        }

        var hosts = SafeFileFetcher.HostsOf(options.Value, provider);
        for (var i = 0; i < submission.Documents.Count; i++)
        {
            if (submission.Documents[i].Url is { } url && !SafeFileFetcher.IsAllowedHost(url.IdnHost, hosts))
            {
                errors[$"documents[{i}].url"] = [hosts.Count == 0
                    ? $"Files are not fetched by URL for {provider}; send the file itself (contentBase64 or a multipart part)."
                    : $"Files are fetched only from {string.Join(", ", hosts)}."];
            }
        }

        return errors;
    }

    /// <summary>Creates the application of a mapped delivery (once: the id follows from provider and submission id).</summary>
    public async Task<string> CreateApplicationAsync(string provider, Submission submission, CancellationToken cancellationToken)
    {
        var applicationId = ApplicationIds.For(provider, submission.SubmissionId);
        if (await AddApplicationAsync(provider, submission, applicationId, time.GetUtcNow(), cancellationToken))
        {
            LogAccepted(logger, applicationId, provider, submission.Documents.Count);
        }

        return applicationId;
    }

    async Task<bool> AddApplicationAsync(string provider, Submission submission, string applicationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var application = new ApplicationEntity
        {
            PartitionKey = submission.Edition,
            RowKey = applicationId,
            Status = Statuses.Received,
            Language = submission.Language,
            Provider = provider,
            SubmissionId = submission.SubmissionId,
            SubmittedAt = now,
            UpdatedAt = now,
            ApplicantType = submission.Applicant.Type,
            Region = submission.Applicant.Region,
            Sector = submission.Project.Sector,
            Rural = submission.Applicant.Rural,
            WomenLed = submission.Project.WomenLed,
            RequestedCentimes = (long)(submission.Project.RequestedAmount * Money.CentimesPerDirham),
            ApplicantJson = JsonSerializer.Serialize(submission.Applicant, Json.Options),
            ProjectJson = JsonSerializer.Serialize(submission.Project, Json.Options),
        };
        // Nothing else is written here: the indicator facts follow when the lifecycle starts (ReceiveApplication), so a
        // burst's requests stay short.
        return await applications.TryCreateAsync(application, cancellationToken);
    }

    static async Task<string?> InspectAsync(InlineFile file, string? declared, CancellationToken cancellationToken)
    {
        if (file.InvalidBase64)
        {
            return "Not valid base64.";
        }

        if (file.Size == 0)
        {
            return "The file is empty.";
        }

        var head = new byte[FileKinds.SniffLength];
        file.Content.Position = 0;
        var read = await file.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Content.Position = 0;
        var kind = FileKinds.Detect(head.AsSpan(0, read));
        if (kind is null)
        {
            return "Only PDF, JPEG or PNG files are accepted; this content is none of them.";
        }

        return FileKinds.DeclaredMatches(declared, kind) ? null : $"Declared as {declared} but the content is {kind.ContentType}.";
    }

    [LoggerMessage(LogLevel.Information, "Application {ApplicationId} received from {Provider} with {Files} files")]
    static partial void LogAccepted(ILogger logger, string applicationId, string provider, int files);
}

public sealed record IntakeAccepted(string ApplicationId, string Edition, string Status, bool Created, DateTimeOffset SubmittedAt);

public sealed record IntakeOutcome(IntakeAccepted? Accepted, Dictionary<string, string[]>? Errors, bool TooLarge = false);
