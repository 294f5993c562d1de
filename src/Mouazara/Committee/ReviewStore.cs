using Azure;
using Azure.Data.Tables;
using Mouazara.Storage;

namespace Mouazara.Committee;

/// <summary>
/// The only door to the review tasks (one per application and member, holding the link's hash and the vote it
/// took), to the votes with their per-criterion scores and comments, and to the panels' seats (ReviewAssignments).
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

    /// <summary>
    /// Records a panel's new seats in one request, all in the edition's partition: they are written under the edition's
    /// seating lock, which every other seating of the edition waits for. A seat that exists already (a retried activity)
    /// fails the whole batch; the seats are then added one by one, each unless it exists. A transaction holds at most 100
    /// entities, and a pool (hence a panel) has no upper size.
    /// </summary>
    public async Task AddAssignmentsAsync(IReadOnlyList<AssignmentEntity> seats, CancellationToken cancellationToken = default)
    {
        foreach (var batch in seats.Chunk(100))
        {
            try
            {
                await storage.ReviewAssignments.SubmitTransactionAsync(batch.Select(s => new TableTransactionAction(TableTransactionActionType.Add, s)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                foreach (var seat in batch)
                {
                    await storage.ReviewAssignments.TryAddAsync(seat, cancellationToken);
                }
            }
        }
    }

    /// <summary>Changes a seat under optimistic concurrency; <paramref name="change"/> returns false to leave it.</summary>
    public Task<AssignmentEntity?> UpdateAssignmentAsync(string edition, string applicationId, string memberId, Func<AssignmentEntity, bool> change,
        CancellationToken cancellationToken = default) =>
        storage.ReviewAssignments.UpdateAsync(
            token => storage.ReviewAssignments.FindAsync<AssignmentEntity>(edition, AssignmentEntity.Key(applicationId, memberId), token), change, cancellationToken);

    /// <summary>Every seat of one application's panel, past and present: a key range of the edition's partition.</summary>
    public async Task<List<AssignmentEntity>> ListAssignmentsAsync(string edition, string applicationId, CancellationToken cancellationToken = default)
    {
        var from = applicationId + AssignmentEntity.Separator;
        var to = applicationId + (char)(AssignmentEntity.Separator + 1);
        var list = new List<AssignmentEntity>();
        await foreach (var seat in storage.ReviewAssignments.QueryAsync<AssignmentEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {edition} and RowKey ge {from} and RowKey lt {to}"), cancellationToken: cancellationToken))
        {
            list.Add(seat);
        }

        return list;
    }

    /// <summary>The open seats of an edition: what each reviewer has on their desk now.</summary>
    public async Task<List<AssignmentEntity>> ListOpenAssignmentsAsync(string edition, CancellationToken cancellationToken = default)
    {
        var list = new List<AssignmentEntity>();
        await foreach (var seat in storage.ReviewAssignments.QueryAsync<AssignmentEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {edition} and State eq {AssignmentStates.Open}"), cancellationToken: cancellationToken))
        {
            list.Add(seat);
        }

        return list;
    }

    /// <summary>The votes in full of one application, one per member who voted.</summary>
    public Task<List<VoteEntity>> ListVotesAsync(string applicationId, CancellationToken cancellationToken = default) =>
        storage.Votes.ListAsync<VoteEntity>(applicationId, cancellationToken);
}
