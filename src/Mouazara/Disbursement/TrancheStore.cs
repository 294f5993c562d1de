using Azure.Data.Tables;
using Mouazara.Storage;

namespace Mouazara.Disbursement;

/// <summary>
/// The only door to an award's tranches and to the ledger of releases. The ledger row, keyed by (application,
/// tranche) and inserted once, is what makes a release impossible to record twice.
/// </summary>
public sealed class TrancheStore(MouazaraStorage storage)
{
    public Task<TrancheEntity?> FindAsync(string applicationId, int number, CancellationToken cancellationToken = default) =>
        storage.Tranches.FindAsync<TrancheEntity>(applicationId, TrancheEntity.Key(number), cancellationToken);

    public async Task<TrancheEntity> GetAsync(string applicationId, int number, CancellationToken cancellationToken = default) =>
        await FindAsync(applicationId, number, cancellationToken)
        ?? throw new InvalidOperationException($"Tranche {number} of application {applicationId} is missing.");

    public Task<List<TrancheEntity>> ListAsync(string applicationId, CancellationToken cancellationToken = default) =>
        storage.Tranches.ListAsync<TrancheEntity>(applicationId, cancellationToken);

    /// <summary>
    /// Every tranche of an edition in one status, for the finance desk. The table is partitioned by application, so this
    /// is a filtered scan of the table: at the programme's size (about 160 awards, a few tranches each, per edition) that
    /// is a few hundred rows; an index partitioned by edition would be the next step if editions grew by orders of magnitude.
    /// </summary>
    public async Task<List<TrancheEntity>> ListByEditionAsync(string edition, string status, CancellationToken cancellationToken = default)
    {
        var rows = new List<TrancheEntity>();
        await foreach (var row in storage.Tranches.QueryAsync<TrancheEntity>(
            TableClient.CreateQueryFilter($"Edition eq {edition} and Status eq {status}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Creates a tranche unless it exists (a retried award keeps the first).</summary>
    public Task<bool> TryAddAsync(TrancheEntity tranche, CancellationToken cancellationToken = default) =>
        storage.Tranches.TryAddAsync(tranche, cancellationToken);

    /// <summary>Writes a tranche under the ETag it was read with; throws when someone changed it since.</summary>
    public Task UpdateAsync(TrancheEntity tranche, CancellationToken cancellationToken = default) =>
        storage.Tranches.UpdateEntityAsync(tranche, tranche.ETag, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Writes a tranche whatever changed since: for steps that only ever move it forward to the same values.</summary>
    public Task ReplaceAsync(TrancheEntity tranche, CancellationToken cancellationToken = default) =>
        storage.Tranches.UpsertEntityAsync(tranche, TableUpdateMode.Replace, cancellationToken);

    public Task<LedgerEntity?> FindReleaseAsync(string applicationId, int number, CancellationToken cancellationToken = default) =>
        storage.Ledger.FindAsync<LedgerEntity>(applicationId, TrancheEntity.Key(number), cancellationToken);

    public Task<List<LedgerEntity>> ListReleasesAsync(string applicationId, CancellationToken cancellationToken = default) =>
        storage.Ledger.ListAsync<LedgerEntity>(applicationId, cancellationToken);

    /// <summary>Records a release in the ledger; false when the tranche was already released (whoever inserted first is the release).</summary>
    public Task<bool> TryRecordReleaseAsync(LedgerEntity entry, CancellationToken cancellationToken = default) =>
        storage.Ledger.TryAddAsync(entry, cancellationToken);
}
