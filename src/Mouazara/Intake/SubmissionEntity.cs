using Azure.Data.Tables;

namespace Mouazara.Intake;

public sealed class SubmissionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public Azure.ETag ETag { get; set; }

    public string SubmissionId { get; set; } = "";

    public string ApplicationId { get; set; } = "";

    public string Edition { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }
}
