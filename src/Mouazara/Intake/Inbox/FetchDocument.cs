using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mouazara.Documents;
using Mouazara.Intake.Fetching;
using Mouazara.Intake.Providers;

namespace Mouazara.Intake.Inbox;

/// <summary>
/// Fetches one file a delivery links to and stores it as the application's document of that type: through
/// <see cref="SafeFileFetcher"/> (https, the provider's hosts, public addresses only), streamed in blocks into the
/// private container by <see cref="DocumentStore"/> (size cap, type by magic bytes, SHA-256). Transient failures
/// throw, for the orchestrator's retries; a file that will never pass returns why. Idempotent: a document already
/// stored is not fetched again, and the blob name is fixed, so a retry overwrites rather than adds.
/// </summary>
[DurableTask(nameof(FetchDocument))]
public sealed partial class FetchDocument(
    DeliveryInbox inbox,
    SafeFileFetcher fetcher,
    DocumentStore attachments,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<FetchDocument> logger) : TaskActivity<DocumentFetch, FileOutcome>
{
    /// <summary>Ten megabytes over a slow link, with room to spare; beyond it the attempt counts as failed and is retried.</summary>
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public override async Task<FileOutcome> RunAsync(TaskActivityContext context, DocumentFetch fetch)
    {
        var type = fetch.DocumentType;
        if (await attachments.FindAsync(fetch.ApplicationId, type) is not null)
        {
            return new FileOutcome(type, true, null);
        }

        var row = await inbox.FindAsync(fetch.Delivery.Provider, fetch.Delivery.DeliveryKey);
        var file = row is null ? null : DeliveryInbox.Files(row).FirstOrDefault(f => f.Type == type);
        if (file is null || !Uri.TryCreate(file.Url, UriKind.Absolute, out var url))
        {
            return new FileOutcome(type, false, "The delivery has no link for this document.");
        }

        var provider = fetch.Delivery.Provider;
        options.Value.ApiKeys.TryGetValue(provider, out var apiKey);
        var authorization = FormProviders.Mapped.TryGetValue(provider, out var reader) ? reader.DownloadAuthorization(apiKey) : null;
        using var timeout = new CancellationTokenSource(Timeout);
        FetchedFile? opened;
        string? refusal;
        try
        {
            (opened, refusal) = await fetcher.OpenAsync(provider, url, authorization, attachments.MaxFileBytes, timeout.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new TransientFetchException("The download took too long.", e);
        }

        if (opened is null)
        {
            return Refused(fetch, refusal!);
        }

        await using (opened)
        {
            StoredDocument? stored;
            DocumentRejection rejection;
            try
            {
                (stored, rejection) = await attachments.StoreAsync(
                    kind => DocumentStore.BlobNameFor(fetch.Edition, fetch.ApplicationId, type, "intake", kind.Extension),
                    opened.Content, file.ContentType, timeout.Token);
            }
            catch (Exception e) when (e is IOException or HttpRequestException || (e is OperationCanceledException && timeout.IsCancellationRequested))
            {
                throw new TransientFetchException("The download broke off.", e);
            }

            if (stored is null)
            {
                return Refused(fetch, rejection switch
                {
                    DocumentRejection.Empty => "The file is empty.",
                    DocumentRejection.TooLarge => $"The file is larger than {attachments.MaxFileBytes / (1024 * 1024)} MB.",
                    DocumentRejection.DeclaredMismatch => $"Declared as {file.ContentType} but the content is something else.",
                    _ => "Only PDF, JPEG or PNG files are accepted; this content is none of them.",
                });
            }

            await attachments.TryAddAsync(DocumentStore.Row(fetch.ApplicationId, type,
                FileNames.Sanitize(file.FileName, stored.BlobName[stored.BlobName.LastIndexOf('.')..]), stored, time.GetUtcNow(), "intake"));
            LogStored(logger, fetch.ApplicationId, type, stored.Size);
            return new FileOutcome(type, true, null);
        }
    }

    FileOutcome Refused(DocumentFetch fetch, string reason)
    {
        LogRefused(logger, fetch.ApplicationId, fetch.DocumentType, reason);
        return new FileOutcome(fetch.DocumentType, false, reason);
    }

    [LoggerMessage(LogLevel.Information, "Application {ApplicationId}: {DocumentType} fetched ({Size} bytes)")]
    static partial void LogStored(ILogger logger, string applicationId, string documentType, long size);

    [LoggerMessage(LogLevel.Warning, "Application {ApplicationId}: {DocumentType} not stored: {Reason}")]
    static partial void LogRefused(ILogger logger, string applicationId, string documentType, string reason);
}
