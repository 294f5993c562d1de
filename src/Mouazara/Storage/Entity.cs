using Azure;
using Azure.Data.Tables;

namespace Mouazara.Storage;

/// <summary>The keys and concurrency stamp every table row has; entities add their own columns.</summary>
public abstract class Entity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }
}
