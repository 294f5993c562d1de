using Azure.Data.Tables;
using Mouazara.Storage;

namespace Mouazara.Disbursement.Reports;

/// <summary>
/// The only door to the Reports table. A version row is inserted once (its key is the lock two submissions race for);
/// a decision is written under the ETag the version was read with, so two staff members cannot both decide it.
/// </summary>
public sealed class ReportStore(MouazaraStorage storage)
{
    public Task<ReportEntity?> FindAsync(string applicationId, int number, int version, CancellationToken cancellationToken = default) =>
        storage.Reports.FindAsync<ReportEntity>(applicationId, ReportEntity.Key(number, version), cancellationToken);

    /// <summary>Every row of an application: requests and versions, in key order (report, then version).</summary>
    public async Task<List<ReportEntity>> ListAsync(string applicationId, CancellationToken cancellationToken = default) =>
        (await storage.Reports.ListAsync<ReportEntity>(applicationId, cancellationToken)).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();

    /// <summary>The request and its versions, oldest first; the request is null when report <paramref name="number"/> was never asked for.</summary>
    public async Task<(ReportEntity? Request, List<ReportEntity> Versions)> ReadAsync(string applicationId, int number, CancellationToken cancellationToken = default)
    {
        var from = ReportEntity.Key(number, 0);
        var to = ReportEntity.Key(number + 1, 0);
        var rows = new List<ReportEntity>();
        await foreach (var row in storage.Reports.QueryAsync<ReportEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {applicationId} and RowKey ge {from} and RowKey lt {to}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        rows.Sort((a, b) => a.Version.CompareTo(b.Version));
        var request = rows.FirstOrDefault(r => r.Version == 0);
        return (request, rows.Where(r => r.Version > 0).ToList());
    }

    /// <summary>Records a request unless it exists (a retried activity keeps the first).</summary>
    public Task<bool> TryAddAsync(ReportEntity row, CancellationToken cancellationToken = default) =>
        storage.Reports.TryAddAsync(row, cancellationToken);

    /// <summary>Writes a row under the ETag it was read with; throws a 412 when someone changed it since.</summary>
    public Task UpdateAsync(ReportEntity row, CancellationToken cancellationToken = default) =>
        storage.Reports.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
}
