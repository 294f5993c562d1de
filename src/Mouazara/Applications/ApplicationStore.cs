using Azure.Data.Tables;
using Mouazara.Storage;

namespace Mouazara.Applications;

/// <summary>
/// The only door to the applications read model, the index that finds an application's edition from its id, and
/// each application's history.
/// </summary>
public sealed class ApplicationStore(MouazaraStorage storage)
{
    /// <summary>Creates the application's row and its index entry; false when the row was already there (a delivery seen before).</summary>
    public async Task<bool> TryCreateAsync(ApplicationEntity application, CancellationToken cancellationToken = default)
    {
        var created = await storage.Applications.TryAddAsync(application, cancellationToken);
        await storage.ApplicationIndex.UpsertEntityAsync(
            new ApplicationIndexEntity { PartitionKey = application.ApplicationId, RowKey = "", Edition = application.Edition }, TableUpdateMode.Replace, cancellationToken);
        return created;
    }

    /// <summary>Every application of an edition, read page by page as the caller goes (one partition).</summary>
    public IAsyncEnumerable<ApplicationEntity> ListAsync(string edition, CancellationToken cancellationToken = default) =>
        storage.Applications.QueryAsync<ApplicationEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {edition}"), cancellationToken: cancellationToken);

    /// <summary>One page of an edition's applications, each filter an equality on a column of the read model.</summary>
    public async Task<(IReadOnlyList<ApplicationEntity> Items, string? ContinuationToken)> PageAsync(string edition, IEnumerable<string> filters,
        int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var filter = string.Join(" and ", filters.Prepend(TableClient.CreateQueryFilter($"PartitionKey eq {edition}")));
        await foreach (var page in storage.Applications.QueryAsync<ApplicationEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>
    /// Records a staff decision as a history line keyed by what it decides; false when that key is already taken, so two
    /// people deciding at once cannot both win.
    /// </summary>
    public Task<bool> TryRecordDecisionAsync(HistoryEntity decision, CancellationToken cancellationToken = default) =>
        storage.History.TryAddAsync(decision, cancellationToken);

    public Task<HistoryEntity?> FindHistoryLineAsync(string applicationId, string key, CancellationToken cancellationToken = default) =>
        storage.History.FindAsync<HistoryEntity>(applicationId, key, cancellationToken);

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
    public async Task<ApplicationEntity> UpdateAsync(string edition, string applicationId, Action<ApplicationEntity> change, CancellationToken cancellationToken = default) =>
        (await storage.Applications.UpdateAsync(async token => await GetAsync(edition, applicationId, token), entity =>
        {
            change(entity);
            return true;
        }, cancellationToken))!;

    /// <summary>
    /// Applies a change under optimistic concurrency unless <paramref name="change"/> returns false: a request refused
    /// because someone else got there first writes nothing, so ten at once do not take turns rewriting the row.
    /// </summary>
    public async Task<ApplicationEntity> UpdateAsync(string edition, string applicationId, Func<ApplicationEntity, bool> change, CancellationToken cancellationToken = default) =>
        (await storage.Applications.UpdateAsync(async token => await GetAsync(edition, applicationId, token), change, cancellationToken))!;

    /// <summary>
    /// Appends one history line. The key is given by the caller (from orchestration time and the event), so a
    /// retried write lands on the same row instead of adding a second one.
    /// </summary>
    public Task AppendHistoryAsync(string applicationId, DateTimeOffset at, string key, string status, string actor, string reason, CancellationToken cancellationToken = default) =>
        storage.History.UpsertEntityAsync(HistoryRow(applicationId, new HistoryLine(at, key, status, actor, reason)), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Several lines of one application's history in one transaction, each keyed as by <see cref="AppendHistoryAsync(string, DateTimeOffset, string, string, string, string, CancellationToken)"/>.</summary>
    public async Task AppendHistoryAsync(string applicationId, IReadOnlyList<HistoryLine> lines, CancellationToken cancellationToken = default) =>
        await storage.History.SubmitTransactionAsync(
            lines.Select(line => new TableTransactionAction(TableTransactionActionType.UpsertReplace, HistoryRow(applicationId, line))), cancellationToken);

    static HistoryEntity HistoryRow(string applicationId, HistoryLine line) => new()
    {
        PartitionKey = applicationId,
        RowKey = $"{line.At.UtcDateTime:yyyyMMddTHHmmss.fffffff}Z-{line.Key}",
        At = line.At,
        Status = line.Status,
        Actor = line.Actor,
        Reason = line.Reason,
    };

    public Task<List<HistoryEntity>> HistoryAsync(string applicationId, CancellationToken cancellationToken = default) =>
        storage.History.ListAsync<HistoryEntity>(applicationId, cancellationToken);
}

/// <summary>One history line to append: its key (with its time) makes a repeated write land on the same row.</summary>
public sealed record HistoryLine(DateTimeOffset At, string Key, string Status, string Actor, string Reason);
