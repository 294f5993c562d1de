using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Mouazara.Kernel;
using Mouazara.Storage;

namespace Mouazara.Editions;

/// <summary>Editions by id. They change rarely and are read by every activity, so they are kept briefly in memory.</summary>
public sealed class EditionStore(MouazaraStorage storage, TimeProvider time)
{
    static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    readonly ConcurrentDictionary<string, (Edition Edition, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public async Task<Edition?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(id, out var hit) && hit.Until > time.GetUtcNow())
        {
            return hit.Edition;
        }

        var entity = await storage.Editions.FindAsync<EditionEntity>(EditionEntity.Partition, id, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var edition = JsonSerializer.Deserialize<Edition>(entity.Json, Json.Options)!;
        cache[id] = (edition, time.GetUtcNow() + CacheFor);
        return edition;
    }

    public async Task<Edition> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Edition {id} does not exist.");

    public async Task SaveAsync(Edition edition, CancellationToken cancellationToken = default)
    {
        var entity = new EditionEntity { RowKey = edition.Id, Json = JsonSerializer.Serialize(edition, Json.Options) };
        await storage.Editions.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        cache[edition.Id] = (edition, time.GetUtcNow() + CacheFor);
    }
}
