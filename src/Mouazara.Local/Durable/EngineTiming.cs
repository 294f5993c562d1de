using System.Text.Json.Nodes;
using DurableTask.AzureStorage;

namespace Mouazara.Local.Durable;

/// <summary>
/// How often the durable engine polls its queues and renews its partition leases. The local host's profile answers
/// in half a second and takes a crashed host's partitions over in seconds; the production profile is what the
/// Functions app runs with: host.json's storage provider settings over the Azure Storage backend's own defaults,
/// so that the bench can measure the idle cost of the deployed settings (docs/performance.md, "Idle").
/// </summary>
public sealed record EngineTiming(
    string Name,
    TimeSpan MaxQueuePollingInterval,
    int PartitionCount,
    TimeSpan LeaseInterval,
    TimeSpan LeaseRenewInterval,
    TimeSpan LeaseAcquireInterval,
    TimeSpan QueueVisibilityTimeout)
{
    public static readonly EngineTiming Local = new("local", TimeSpan.FromMilliseconds(500), 4,
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    /// <summary>The Functions app's host.json (extensions.durableTask.storageProvider) over the backend's defaults.</summary>
    public static EngineTiming FromHostJson(string hostJsonPath)
    {
        var defaults = new AzureStorageOrchestrationServiceSettings();
        var provider = JsonNode.Parse(File.ReadAllText(hostJsonPath))?["extensions"]?["durableTask"]?["storageProvider"];
        var polling = (string?)provider?["maxQueuePollingInterval"];
        var partitions = (int?)provider?["partitionCount"];
        return new EngineTiming(
            "production",
            polling is null ? defaults.MaxQueuePollingInterval : TimeSpan.Parse(polling, System.Globalization.CultureInfo.InvariantCulture),
            partitions ?? defaults.PartitionCount,
            defaults.LeaseInterval,
            defaults.LeaseRenewInterval,
            defaults.LeaseAcquireInterval,
            defaults.ControlQueueVisibilityTimeout);
    }

    /// <summary>The profile <c>Local:EngineTiming</c> names: <c>local</c> (the default) or <c>production</c>.</summary>
    public static EngineTiming Named(string? name, string repoRoot) => name?.ToLowerInvariant() switch
    {
        null or "" or "local" => Local,
        "production" => FromHostJson(Path.Combine(repoRoot, "src", "Mouazara.Functions", "host.json")),
        _ => throw new InvalidOperationException($"Local:EngineTiming is '{name}'; use 'local' or 'production'."),
    };
}
