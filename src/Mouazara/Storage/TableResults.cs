using Azure;
using Azure.Data.Tables;

namespace Mouazara.Storage;

public static class TableResults
{
    /// <summary>Reads one entity or null, without an exception for the common "not there" case.</summary>
    public static async Task<T?> FindAsync<T>(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Inserts unless the key exists; returns false when it did (another writer got there first).</summary>
    public static async Task<bool> TryAddAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public static async Task<List<T>> ListAsync<T>(this TableClient table, string partitionKey, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var list = new List<T>();
        await foreach (var entity in table.QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken))
        {
            list.Add(entity);
        }

        return list;
    }
}
