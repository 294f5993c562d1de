using Azure;
using Azure.Data.Tables;

namespace Mouazara.Email;

/// <summary>
/// One email the product decided to send (PK application id, RK dedup key). Its recipient is not kept:
/// the row only proves whether that message went out, so a retried activity does not send it twice.
/// </summary>
public sealed class EmailEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Template { get; set; } = "";

    public string Language { get; set; } = "";

    public string State { get; set; } = "";

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }
}
