using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mouazara.Kernel;
using Mouazara.Storage;

namespace Mouazara.Applications;

/// <summary>
/// The only door to the IndicatorFacts table (<see cref="IndicatorFactEntity"/>). Each write reads the row, applies one
/// idempotent change and writes it back under its ETag (or inserts it), so concurrent writers of one application never
/// lose each other's change and a replayed activity changes nothing.
/// </summary>
public sealed class IndicatorFactStore(MouazaraStorage storage)
{
    /// <summary>Every fact of an edition, page by page as the caller reads (one partition).</summary>
    public IAsyncEnumerable<IndicatorFactEntity> ListAsync(string edition, CancellationToken cancellationToken = default) =>
        storage.IndicatorFacts.QueryAsync<IndicatorFactEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {edition}"), cancellationToken: cancellationToken);

    public Task<IndicatorFactEntity?> FindAsync(string edition, string applicationId, CancellationToken cancellationToken = default) =>
        storage.IndicatorFacts.FindAsync<IndicatorFactEntity>(edition, applicationId, cancellationToken);

    /// <summary>
    /// What the application says of itself, its first status (received, at submission) when the row is new, and the
    /// statuses its first stage recorded, in one read and one write. Written when the lifecycle starts rather than in
    /// the intake request, which a burst of submissions keeps short.
    /// </summary>
    public Task RecordReceivedAsync(ApplicationEntity app, IReadOnlyList<(string Status, DateTimeOffset At)> changes, CancellationToken cancellationToken = default)
    {
        var project = app.ReadProject();
        return UpdateAsync(app.Edition, app.ApplicationId, f =>
        {
            f.ApplicantType = app.ApplicantType;
            f.Region = app.Region;
            f.Sector = app.Sector;
            f.WomenLed = app.WomenLed;
            f.Rural = app.Rural;
            f.RequestedCentimes = app.RequestedCentimes;
            f.ForecastJobsCreated = project.JobsCreated;
            f.ForecastJobsMaintained = project.JobsMaintained;
            if (f.StatusAt is null)
            {
                f.ApplyStatus(Statuses.Received, null, app.SubmittedAt);
            }

            foreach (var (status, at) in changes)
            {
                f.ApplyStatus(status, null, at);
            }

            return true;
        }, cancellationToken);
    }

    public Task RecordStatusAsync(string edition, string applicationId, string status, string? reviewStage, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        UpdateAsync(edition, applicationId, f => f.ApplyStatus(status, reviewStage, at), cancellationToken);

    public Task RecordScoreAsync(string edition, string applicationId, decimal? score, CancellationToken cancellationToken = default) =>
        UpdateAsync(edition, applicationId, f =>
        {
            f.Score = score is { } s ? (double)s : null;
            return true;
        }, cancellationToken);

    /// <summary>The confirmed outcome; a selected one carries its funder and award, which the award step confirms later.</summary>
    public Task RecordSelectionAsync(string edition, string applicationId, string outcome, string? funder, long? amountCentimes, int? rank,
        CancellationToken cancellationToken = default) =>
        UpdateAsync(edition, applicationId, f =>
        {
            f.SelectionOutcome = outcome;
            f.Rank = rank;
            if (amountCentimes is { } amount)
            {
                f.Funder = funder;
                f.AwardCentimes = amount;
            }

            return true;
        }, cancellationToken);

    public Task RecordAwardAsync(string edition, string applicationId, string? funder, long amountCentimes, CancellationToken cancellationToken = default) =>
        UpdateAsync(edition, applicationId, f =>
        {
            f.Funder = funder ?? f.Funder;
            f.AwardCentimes = amountCentimes;
            return true;
        }, cancellationToken);

    /// <summary>A tranche released: keyed by its number, so recording it again changes nothing.</summary>
    public Task RecordReleaseAsync(string edition, string applicationId, int tranche, long amountCentimes, CancellationToken cancellationToken = default) =>
        UpdateAsync(edition, applicationId, f =>
        {
            var releases = f.ReadReleases();
            if (releases.TryGetValue(tranche, out var known) && known == amountCentimes)
            {
                return false;
            }

            releases[tranche] = amountCentimes;
            f.ReleasesJson = JsonSerializer.Serialize(releases, Json.Options);
            f.ReleasedCentimes = releases.Values.Sum();
            return true;
        }, cancellationToken);

    /// <summary>An accepted report's jobs figures; an earlier report accepted late does not replace a later one's.</summary>
    public Task RecordReportAsync(string edition, string applicationId, int number, int jobsCreated, int jobsMaintained, CancellationToken cancellationToken = default) =>
        UpdateAsync(edition, applicationId, f =>
        {
            if (number < f.ReportNumber)
            {
                return false;
            }

            f.ReportNumber = number;
            f.JobsCreated = jobsCreated;
            f.JobsMaintained = jobsMaintained;
            return true;
        }, cancellationToken);

    async Task UpdateAsync(string edition, string applicationId, Func<IndicatorFactEntity, bool> change, CancellationToken cancellationToken)
    {
        var table = storage.IndicatorFacts;
        for (var attempt = 0; ; attempt++)
        {
            var row = await table.FindAsync<IndicatorFactEntity>(edition, applicationId, cancellationToken);
            var isNew = row is null;
            row ??= new IndicatorFactEntity { PartitionKey = edition, RowKey = applicationId };
            if (!change(row))
            {
                return;
            }

            try
            {
                if (isNew)
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 10)
            {
                // Another writer got in between: read again and apply the change to what it wrote.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), cancellationToken);
            }
        }
    }
}
