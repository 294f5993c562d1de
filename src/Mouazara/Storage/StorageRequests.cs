using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Mouazara.Storage;

/// <summary>The process-wide request counts (see <see cref="StorageRequestCounter"/>).</summary>
public static class StorageRequests
{
    public const string MeterName = "Mouazara.Storage";
    static readonly Meter Meter = new(MeterName);
    static readonly Counter<long> Requests = Meter.CreateCounter<long>("mouazara.storage.requests", description: "Azure Storage requests sent, by origin, service and operation");
    static readonly ConcurrentDictionary<(string Origin, string Service, string Operation, string Resource), long> Counts = new();

    public static void Add(string origin, string service, string operation, string resource)
    {
        Counts.AddOrUpdate((origin, service, operation, resource), 1, static (_, n) => n + 1);
        Requests.Add(1, new KeyValuePair<string, object?>("origin", origin), new KeyValuePair<string, object?>("service", service),
            new KeyValuePair<string, object?>("operation", operation));
    }

    public static IReadOnlyList<StorageRequestCount> Snapshot() =>
        Counts.Select(c => new StorageRequestCount(c.Key.Origin, c.Key.Service, c.Key.Operation, c.Key.Resource, c.Value))
            .OrderBy(c => c.Origin, StringComparer.Ordinal).ThenBy(c => c.Service, StringComparer.Ordinal)
            .ThenBy(c => c.Operation, StringComparer.Ordinal).ThenBy(c => c.Resource, StringComparer.Ordinal).ToList();
}
