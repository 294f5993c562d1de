using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mouazara.Applications;
using Mouazara.Kernel;
using Mouazara.Lifecycle;
using Mouazara.Storage;

namespace Mouazara.Intake.Inbox;

/// <summary>
/// The durable inbox: every authenticated delivery is first kept raw as a blob (<c>inbox/{provider}/{key}.json</c>
/// in the private attachments container) and recorded as one row per provider delivery id, then processed by an
/// <see cref="IntakeOrchestrator"/>. Keeping comes before answering the provider, processing after; so a delivery
/// the webhook acknowledged can always be found, re-read and re-processed.
/// </summary>
public sealed partial class DeliveryInbox(MouazaraStorage storage, TimeProvider time, ILogger<DeliveryInbox> logger)
{
    public const string BlobPrefix = "inbox/";

    TableClient Table => storage.Table(TableNames.IntakeDeliveries);

    /// <summary>
    /// The row and blob key for a delivery: the provider's id when it is a safe key (UUIDs, tokens), else a hash
    /// of it; a delivery without a readable id is keyed by the hash of its bytes, so its retries still collapse.
    /// </summary>
    public static string KeyFor(string? submissionId, ReadOnlySpan<byte> body)
    {
        if (submissionId is { Length: > 0 and <= 100 } && submissionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && submissionId[0] != '.')
        {
            return submissionId;
        }

        var hash = submissionId is null ? SHA256.HashData(body) : SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(submissionId));
        return (submissionId is null ? "body-" : "id-") + Convert.ToHexStringLower(hash)[..40];
    }

    /// <summary>The id staff use in routes: provider, a dash, the key (providers have no dash in their names).</summary>
    public static string PublicId(string provider, string key) => provider + "-" + key;

    public static bool TryParsePublicId(string? id, out string provider, out string key)
    {
        var dash = id?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        provider = dash > 0 ? id![..dash] : "";
        key = dash > 0 ? id![(dash + 1)..] : "";
        return dash > 0 && key.Length is > 0 and <= 110 && Providers.FormProviders.IsKnown(provider) && key.IndexOfAny(['/', '\\', '#', '?']) < 0
            && !key.Any(char.IsControl);
    }

    public static string BlobName(string provider, string key) => $"{BlobPrefix}{provider}/{key}.json";

    /// <summary>The durable instance processing one attempt of a delivery.</summary>
    public static string InstanceId(string provider, string key, int attempt) => $"intake-{provider}-{key}-{attempt}";

    /// <summary>
    /// Keeps a delivery: the raw bytes as a blob (created once; a retry's identical bytes are not written again),
    /// then its row. Returns the row as it now is and whether this call created it.
    /// </summary>
    public async Task<(DeliveryEntity Row, bool Created)> KeepAsync(string provider, string key, string? submissionId, string? formId, string status,
        ReadOnlyMemory<byte> raw, IDictionary<string, string[]>? reasons, CancellationToken cancellationToken, Action<DeliveryEntity>? extra = null)
    {
        var blobName = BlobName(provider, key);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(raw.Span));
        var blob = storage.DocumentFiles.GetBlobClient(blobName);
        var upload = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Metadata = new Dictionary<string, string> { ["sha256"] = sha256 },
        };
        try
        {
            await blob.UploadAsync(new BinaryData(raw), upload, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The row, not the blob, records a delivery: a blob without its row is a leftover (a crash between the
            // two, or another table prefix on a shared account) and is written again; one with its row is kept as is.
            if (await FindAsync(provider, key, cancellationToken) is null)
            {
                upload.Conditions = null;
                await blob.UploadAsync(new BinaryData(raw), upload, cancellationToken);
            }
        }

        var now = time.GetUtcNow();
        var row = new DeliveryEntity
        {
            PartitionKey = provider,
            RowKey = key,
            SubmissionId = submissionId,
            Status = status,
            Attempt = 1,
            ReceivedAt = now,
            UpdatedAt = now,
            BlobName = blobName,
            Size = raw.Length,
            Sha256 = sha256,
            FormId = formId,
            ReasonsJson = reasons is null ? null : JsonSerializer.Serialize(reasons, Json.Options),
        };
        extra?.Invoke(row);
        if (await Table.TryAddAsync(row, cancellationToken))
        {
            return (row, true);
        }

        var kept = await FindAsync(provider, key, cancellationToken) ?? throw new InvalidOperationException("A delivery row vanished after a conflict.");
        if (kept.Sha256 != sha256)
        {
            // The first delivery of an id is the one kept; a later, different body under the same id is not merged.
            LogDifferentBody(logger, provider, key);
        }

        return (kept, false);
    }

    public Task<DeliveryEntity?> FindAsync(string provider, string key, CancellationToken cancellationToken = default) =>
        Table.FindAsync<DeliveryEntity>(provider, key, cancellationToken);

    /// <summary>The raw delivery as it was received.</summary>
    public async Task<BinaryData> ReadRawAsync(DeliveryEntity row, CancellationToken cancellationToken = default) =>
        (await storage.DocumentFiles.GetBlobClient(row.BlobName).DownloadContentAsync(cancellationToken)).Value.Content;

    /// <summary>
    /// Applies a change under optimistic concurrency, re-reading when another writer got in between. The change
    /// returns false to leave the row as it is (for instance when a newer attempt owns it).
    /// </summary>
    public async Task<DeliveryEntity?> UpdateAsync(string provider, string key, Func<DeliveryEntity, bool> change, CancellationToken cancellationToken = default)
    {
        return await Table.UpdateAsync(token => FindAsync(provider, key, token), row =>
        {
            if (!change(row))
            {
                return false;
            }

            row.UpdatedAt = time.GetUtcNow();
            return true;
        }, cancellationToken);
    }

    /// <summary>Lists deliveries, newest partitions first as the table orders them, with optional filters.</summary>
    public Azure.AsyncPageable<DeliveryEntity> QueryAsync(string? status, string? provider, int pageSize, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (!string.IsNullOrEmpty(provider))
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {provider}"));
        }

        if (!string.IsNullOrEmpty(status))
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        return Table.QueryAsync<DeliveryEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), pageSize, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Starts the processing of the row's current attempt unless it already exists, whatever its state: a retried
    /// webhook call or a second staff click never starts a second one. Only a delivery still to be mapped needs it;
    /// an accepted one was mapped by its own running instance, and a rejected one waits for staff.
    /// </summary>
    /// <param name="turn">Its turn when intake is paced (<see cref="IntakePacer.NextStart"/>); null for at once.</param>
    public static async Task EnsureProcessingAsync(DurableTaskClient client, DeliveryEntity row, CancellationToken cancellationToken,
        Func<DateTimeOffset?>? turn = null)
    {
        if (row.Status != DeliveryStatuses.Received)
        {
            return;
        }

        await StartOnce.RunAsync(client, nameof(IntakeOrchestrator), InstanceId(row.Provider, row.Key, row.Attempt),
            new DeliveryRef(row.Provider, row.Key, row.Attempt, ApplicationStarter.CurrentLifecycle), cancellationToken, turn: turn);
    }

    /// <summary>Whether the row's current attempt is still being processed (its instance pending or running).</summary>
    public static async Task<bool> IsProcessingAsync(DurableTaskClient client, DeliveryEntity row, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(InstanceId(row.Provider, row.Key, row.Attempt), getInputsAndOutputs: false, cancellationToken);
        return instance is { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended };
    }

    public static IReadOnlyList<DeliveryFile> Files(DeliveryEntity row) =>
        row.FilesJson is null ? [] : JsonSerializer.Deserialize<List<DeliveryFile>>(row.FilesJson, Json.Options) ?? [];

    [LoggerMessage(LogLevel.Warning, "Delivery {Provider}/{DeliveryKey} arrived again with a different body; the first one is kept")]
    static partial void LogDifferentBody(ILogger logger, string provider, string deliveryKey);
}
