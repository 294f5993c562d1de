using Azure;
using Azure.Data.Tables;
using Mouazara.Storage;

namespace Mouazara.Committee;

/// <summary>
/// The only door to the review tasks (one per application and member, holding the link's hash and the vote it
/// took) and to the votes with their per-criterion scores and comments.
/// </summary>
public sealed class ReviewStore(MouazaraStorage storage)
{
    public Task<ReviewTaskEntity?> FindAsync(string applicationId, string memberId, CancellationToken cancellationToken = default) =>
        storage.ReviewTasks.FindAsync<ReviewTaskEntity>(applicationId, memberId, cancellationToken);

    public Task<List<ReviewTaskEntity>> ListAsync(string applicationId, CancellationToken cancellationToken = default) =>
        storage.ReviewTasks.ListAsync<ReviewTaskEntity>(applicationId, cancellationToken);

    /// <summary>Issues a task unless the member already has one for this application (a retried activity).</summary>
    public Task<bool> TryAddAsync(ReviewTaskEntity task, CancellationToken cancellationToken = default) =>
        storage.ReviewTasks.TryAddAsync(task, cancellationToken);

    /// <summary>Writes a task under the ETag it was read with; throws when someone changed it since, so the caller reads again.</summary>
    public Task UpdateAsync(ReviewTaskEntity task, CancellationToken cancellationToken = default) =>
        storage.ReviewTasks.UpdateEntityAsync(task, task.ETag, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Writes a task under its ETag; false when someone changed it since it was read.</summary>
    public async Task<bool> TryUpdateAsync(ReviewTaskEntity task, CancellationToken cancellationToken = default)
    {
        try
        {
            await UpdateAsync(task, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Every review task of one member, across applications (the reviewer's page and digest pick their edition's).</summary>
    public async Task<List<ReviewTaskEntity>> ListForMemberAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var list = new List<ReviewTaskEntity>();
        await foreach (var task in storage.ReviewTasks.QueryAsync<ReviewTaskEntity>(TableClient.CreateQueryFilter($"RowKey eq {memberId}"), cancellationToken: cancellationToken))
        {
            list.Add(task);
        }

        return list;
    }

    /// <summary>Keeps a vote's detail (scores per criterion, comment); keyed by application and member, so a retry rewrites the same row.</summary>
    public Task RecordVoteAsync(VoteEntity vote, CancellationToken cancellationToken = default) =>
        storage.Votes.UpsertEntityAsync(vote, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The votes in full of one application, one per member who voted.</summary>
    public Task<List<VoteEntity>> ListVotesAsync(string applicationId, CancellationToken cancellationToken = default) =>
        storage.Votes.ListAsync<VoteEntity>(applicationId, cancellationToken);
}
