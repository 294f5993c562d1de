namespace Mouazara.Bench;

/// <summary>
/// Azure's pay-as-you-go list prices per 10,000 transactions, USD, for a Standard general-purpose v2 account with
/// locally redundant storage (LRS), blobs in the Hot tier. Sources and dates are in docs/performance.md
/// ("Prices"): Azure Retail Prices (the data behind azure.microsoft.com/pricing/details/storage/…), West Europe,
/// as captured on 2026-05-04 (blobs, tables) and 2024-07-01 (queues); the blob operation types follow Microsoft's
/// "Map each REST operation to a price" (2025-05-14). Change them here if your region or redundancy differs.
/// </summary>
static class Prices
{
    public const string Basis = "USD per 10,000 transactions, Azure pay-as-you-go list prices, Standard GPv2, LRS, Hot blobs; West Europe (blobs, tables, 2026-05-04), queues 2024-07-01";

    public static readonly IReadOnlyList<PriceLine> Lines =
    [
        new("blob", "write", 0.054m, "PutBlob, PutBlock, PutBlockList, AppendBlock, CopyBlob"),
        new("blob", "list-and-create-container", 0.054m, "CreateContainer, ListBlobs, ListContainers"),
        new("blob", "read", 0.0043m, "GetBlob"),
        new("blob", "other", 0.0043m, "leases, properties, metadata, block lists and every other operation"),
        new("blob", "delete", 0m, "DeleteBlob, DeleteContainer (free)"),
        new("queue", "class-1", 0.004m, "PutMessage, UpdateMessage, DeleteMessage, CreateQueue, ClearMessages, SetQueueMetadata"),
        new("queue", "class-2", 0.004m, "GetMessages, PeekMessages, GetQueueMetadata and other reads"),
        new("table", "transactions", 0.00036m, "every entity and table operation; one entity group transaction is one request"),
    ];

    public static PriceLine For(string service, string operation) => service switch
    {
        "blob" => Lines.First(l => l.Service == "blob" && l.Category == operation switch
        {
            "PutBlob" or "PutBlock" or "PutBlockList" or "AppendBlock" or "CopyBlob" or "SetBlobTier" => "write",
            "CreateContainer" or "ListBlobs" or "ListContainers" => "list-and-create-container",
            "GetBlob" => "read",
            "DeleteBlob" or "DeleteContainer" => "delete",
            _ => "other",
        }),
        "queue" => Lines.First(l => l.Service == "queue" && l.Category == (operation is "PutMessage" or "UpdateMessage" or "DeleteMessage" or "CreateQueue"
            or "ClearMessages" or "DeleteQueue" or "SetQueueMetadata" ? "class-1" : "class-2")),
        _ => Lines.First(l => l.Service == "table"),
    };

    /// <summary>Dollars for <paramref name="requests"/> requests of an operation.</summary>
    public static decimal Dollars(string service, string operation, double requests) => For(service, operation).Per10000 * (decimal)requests / 10000m;
}

public sealed record PriceLine(string Service, string Category, decimal Per10000, string Operations);
