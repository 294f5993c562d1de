using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Mouazara.Storage;

/// <summary>The product's tables and its private attachments container, from one pair of service clients.</summary>
public sealed class MouazaraStorage(TableServiceClient tables, BlobServiceClient blobs, IOptions<StorageOptions> options)
{
    readonly string prefix = options.Value.TablePrefix;

    public TableServiceClient TableService => tables;

    public BlobServiceClient BlobService => blobs;

    public BlobContainerClient Attachments { get; } = blobs.GetBlobContainerClient(options.Value.AttachmentsContainer);

    public TableClient Table(string name) => tables.GetTableClient(prefix + name);

    public TableClient Editions => Table(TableNames.Editions);

    public TableClient Applications => Table(TableNames.Applications);

    public TableClient ApplicationIndex => Table(TableNames.ApplicationIndex);

    public TableClient Submissions => Table(TableNames.Submissions);

    public TableClient Documents => Table(TableNames.Documents);

    public TableClient ReviewTasks => Table(TableNames.ReviewTasks);

    public TableClient Votes => Table(TableNames.Votes);

    public TableClient Tranches => Table(TableNames.Tranches);

    public TableClient Ledger => Table(TableNames.DisbursementLedger);

    public TableClient AuditLog => Table(TableNames.AuditLog);

    public TableClient Emails => Table(TableNames.Emails);

    /// <summary>Creates what is missing; safe to call at every start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in TableNames.All)
        {
            await Table(name).CreateIfNotExistsAsync(cancellationToken);
        }

        await Attachments.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}

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
