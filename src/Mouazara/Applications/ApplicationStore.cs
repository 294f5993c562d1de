using Azure;
using Azure.Data.Tables;
using Mouazara.Editions;
using Mouazara.Storage;

namespace Mouazara.Applications;

/// <summary>Reads and updates the applications read model and appends to each application's history.</summary>
public sealed class ApplicationStore(MouazaraStorage storage)
{
    public async Task<ApplicationEntity?> FindAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        if (!ApplicationIds.IsWellFormed(applicationId))
        {
            return null;
        }

        var index = await storage.ApplicationIndex.FindAsync<ApplicationIndexEntity>(applicationId, "", cancellationToken);
        return index is null ? null : await FindAsync(index.Edition, applicationId, cancellationToken);
    }

    public Task<ApplicationEntity?> FindAsync(string edition, string applicationId, CancellationToken cancellationToken = default) =>
        storage.Applications.FindAsync<ApplicationEntity>(edition, applicationId, cancellationToken);

    public async Task<ApplicationEntity> GetAsync(string edition, string applicationId, CancellationToken cancellationToken = default) =>
        await FindAsync(edition, applicationId, cancellationToken)
        ?? throw new InvalidOperationException($"Application {applicationId} is missing from the read model.");

    /// <summary>Applies a change under optimistic concurrency, retrying when another writer got in between.</summary>
    public async Task<ApplicationEntity> UpdateAsync(string edition, string applicationId, Action<ApplicationEntity> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entity = await GetAsync(edition, applicationId, cancellationToken);
            change(entity);
            try
            {
                await storage.Applications.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return entity;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Appends one history line. The key is given by the caller (from orchestration time and the event), so a
    /// retried write lands on the same row instead of adding a second one.
    /// </summary>
    public Task AppendHistoryAsync(string applicationId, DateTimeOffset at, string key, string status, string actor, string reason, CancellationToken cancellationToken = default) =>
        storage.AuditLog.UpsertEntityAsync(new HistoryEntity
        {
            PartitionKey = applicationId,
            RowKey = $"{at.UtcDateTime:yyyyMMddTHHmmss.fffffff}Z-{key}",
            At = at,
            Status = status,
            Actor = actor,
            Reason = reason,
        }, TableUpdateMode.Replace, cancellationToken);

    public Task<List<HistoryEntity>> HistoryAsync(string applicationId, CancellationToken cancellationToken = default) =>
        storage.AuditLog.ListAsync<HistoryEntity>(applicationId, cancellationToken);
}
