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

    /// <summary>
    /// Reads a row, changes it and writes it back under the ETag it was read with, reading again when another writer
    /// got in between (ten tries). <paramref name="change"/> returns false to leave the row as it is. Returns the row
    /// as written, or as read when it was missing or left alone.
    /// </summary>
    public static async Task<T?> UpdateAsync<T>(this TableClient table, Func<CancellationToken, Task<T?>> read, Func<T, bool> change,
        CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = await read(cancellationToken);
            if (row is null || !change(row))
            {
                return row;
            }

            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return row;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), cancellationToken);
            }
        }
    }
}
