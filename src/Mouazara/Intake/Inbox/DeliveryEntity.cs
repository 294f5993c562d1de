using Azure;
using Azure.Data.Tables;

namespace Mouazara.Intake.Inbox;

/// <summary>
/// One provider delivery (PK provider, RK delivery key): the idempotency record of the durable inbox. Whatever
/// the number of retries or races, one delivery id is one row, one raw blob, and at most one application.
/// Holds ids, status and reasons; the answers themselves stay in the raw blob.
/// </summary>
public sealed class DeliveryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The provider's own id for the submission (Kobo _uuid, Typeform token, Tally responseId, generic submissionId).</summary>
    public string? SubmissionId { get; set; }

    public string Status { get; set; } = DeliveryStatuses.Received;

    /// <summary>Which processing this is: 1, then one more per re-processing; names the durable instance.</summary>
    public int Attempt { get; set; } = 1;

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The raw delivery in the private attachments container.</summary>
    public string BlobName { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public string? FormId { get; set; }

    public string? Edition { get; set; }

    public string? ApplicationId { get; set; }

    /// <summary>Why it was rejected or ignored: field to messages, as JSON.</summary>
    public string? ReasonsJson { get; set; }

    /// <summary>The names of the questions the delivery answered (never the answers), to help write a mapping.</summary>
    public string? QuestionsJson { get; set; }

    /// <summary>The files to fetch: type, file name, declared type and link, as JSON.</summary>
    public string? FilesJson { get; set; }

    /// <summary>What became of each file: stored or why not, as JSON.</summary>
    public string? FileOutcomesJson { get; set; }

    public string? ReprocessedBy { get; set; }

    public DateTimeOffset? ReprocessedAt { get; set; }

    public string Provider => PartitionKey;

    public string Key => RowKey;
}

/// <summary>A file a mapped delivery links to.</summary>
public sealed record DeliveryFile(string Type, string FileName, string? ContentType, string Url);

/// <summary>What became of one linked file.</summary>
public sealed record FileOutcome(string Type, bool Stored, string? Reason);
