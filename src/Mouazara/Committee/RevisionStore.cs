using Azure;
using Azure.Data.Tables;
using Mouazara.Storage;

namespace Mouazara.Committee;

/// <summary>The only door to the consensus round's rows (<see cref="RevisionEntity"/>), beside the first round's in <see cref="ReviewStore"/>.</summary>
public sealed class RevisionStore(MouazaraStorage storage)
{
    public Task<RevisionEntity?> FindAsync(string applicationId, string memberId, CancellationToken cancellationToken = default) =>
        storage.Revisions.FindAsync<RevisionEntity>(applicationId, memberId, cancellationToken);

    public Task<List<RevisionEntity>> ListAsync(string applicationId, CancellationToken cancellationToken = default) =>
        storage.Revisions.ListAsync<RevisionEntity>(applicationId, cancellationToken);

    /// <summary>Every consensus-round row of one member, across applications.</summary>
    public async Task<List<RevisionEntity>> ListForMemberAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var list = new List<RevisionEntity>();
        await foreach (var row in storage.Revisions.QueryAsync<RevisionEntity>(TableClient.CreateQueryFilter($"RowKey eq {memberId}"), cancellationToken: cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    /// <summary>Opens a reviewer's round unless a retried activity already did.</summary>
    public Task<bool> TryAddAsync(RevisionEntity row, CancellationToken cancellationToken = default) =>
        storage.Revisions.TryAddAsync(row, cancellationToken);

    /// <summary>Writes a row under the ETag it was read with; false when someone changed it since.</summary>
    public async Task<bool> TryUpdateAsync(RevisionEntity row, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.Revisions.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }
}
