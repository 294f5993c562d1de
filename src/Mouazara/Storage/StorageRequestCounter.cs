using Azure.Core;
using Azure.Core.Pipeline;

namespace Mouazara.Storage;

/// <summary>
/// Counts every request an Azure Storage client sends, by who sent it (<c>product</c> or <c>engine</c>), service
/// (<c>blob</c>, <c>table</c>, <c>queue</c>), REST operation as Azure's billing names it (PutBlock, GetEntity,
/// GetMessages…) and resource (container, table or queue); an empty dequeue and a write refused on its condition
/// are reported apart. Every attempt is counted, retries included, since each is billed. Added to a client's options
/// with <see cref="HttpPipelinePosition.PerRetry"/>; the counts are kept in process (<see cref="StorageRequests"/>)
/// and published on the <c>Mouazara.Storage</c> meter.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    readonly string origin;
    readonly string service;

    public StorageRequestCounter(string origin, string service)
    {
        this.origin = origin;
        this.service = service;
    }

    /// <summary>A counter for the service a client's options belong to (BlobClientOptions, QueueClientOptions, TableClientOptions).</summary>
    public StorageRequestCounter(string origin, ClientOptions options)
        : this(origin, ServiceOf(options))
    {
    }

    public static string ServiceOf(ClientOptions options)
    {
        var name = options.GetType().Name;
        return name.StartsWith("Blob", StringComparison.Ordinal) ? "blob"
            : name.StartsWith("Queue", StringComparison.Ordinal) ? "queue"
            : name.StartsWith("Table", StringComparison.Ordinal) ? "table"
            : name.ToLowerInvariant();
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Record(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Record(message);
        }
    }

    void Record(HttpMessage message)
    {
        var request = message.Request;
        var (operation, resource) = StorageOperations.Classify(service, request.Method.Method, request.Uri.ToUri(), name => request.Headers.TryGetValue(name, out var value) ? value : null);
        if (operation == "GetMessages" && message.HasResponse && StorageOperations.IsEmptyMessageList(message.Response))
        {
            // An empty dequeue is the engine polling an idle queue: billed the same, reported apart.
            operation = "GetMessages (empty)";
        }
        else if (message.HasResponse && message.Response.Status == 412)
        {
            // A write refused on its condition (ETag, or create-if-absent): another writer got there first.
            operation += " (conflict)";
        }

        StorageRequests.Add(origin, service, operation, resource);
    }
}

/// <summary>One line of <see cref="StorageRequests.Snapshot"/>: how many requests of one operation went to one resource.</summary>
public sealed record StorageRequestCount(string Origin, string Service, string Operation, string Resource, long Count);
