using System.Text.Json;
using Mouazara.Applications;
using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Disbursement.Reports;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Eligibility;
using Mouazara.Kernel;
using Mouazara.Selection;

namespace Mouazara.Lifecycle;

/// <summary>Assembles an application's full state from the read model, for staff and for the status page.</summary>
public sealed class ApplicationReader(ApplicationStore applications, DocumentStore documentStore, TrancheStore trancheStore, ReviewStore reviews, EditionStore editions,
    ReportStore reportStore)
{
    public async Task<ApplicationView?> ReadAsync(string applicationId, CancellationToken cancellationToken)
    {
        var app = await applications.FindAsync(applicationId, cancellationToken);
        return app is null ? null : await ReadAsync(app, cancellationToken);
    }

    public async Task<ApplicationView> ReadAsync(ApplicationEntity app, CancellationToken cancellationToken)
    {
        var id = app.ApplicationId;
        var documents = documentStore.ListAsync(id, cancellationToken);
        var tranches = trancheStore.ListAsync(id, cancellationToken);
        var ledger = trancheStore.ListReleasesAsync(id, cancellationToken);
        var history = applications.HistoryAsync(id, cancellationToken);
        var reports = reportStore.ListAsync(id, cancellationToken);
        await Task.WhenAll(documents, tranches, ledger, history, reports);

        var eligibility = app.EligibilityJson is null ? null : JsonSerializer.Deserialize<EligibilityResult>(app.EligibilityJson, Json.Options);
        var award = app.AwardJson is null ? null : JsonSerializer.Deserialize<Award>(app.AwardJson, Json.Options);
        var ledgerByKey = (await ledger).ToDictionary(l => l.RowKey, StringComparer.Ordinal);
        AwardView? awardView = award is null ? null : new AwardView(award.Amount,
            (await tranches).OrderBy(t => t.Number).Select(t =>
            {
                ledgerByKey.TryGetValue(t.RowKey, out var entry);
                var status = entry is null ? t.Status : TrancheStatuses.Released;
                return new TrancheView(t.Number, award.Tranches.First(a => a.Number == t.Number).Percent, Money.ToDirhams(t.AmountCentimes), status,
                    t.Requires, t.DueAt, entry?.PaymentReference, entry?.RecordedAt, entry?.ValueDate);
            }).ToList(), award.AwardedAt, award.Funder);

        return new ApplicationView(
            id,
            app.Edition,
            app.Status,
            Statuses.All.GetValueOrDefault(app.Status, new Bilingual(app.Status, app.Status)),
            app.Status == Statuses.AwaitingStaffReview ? app.ReviewStage : null,
            app.Language,
            app.Provider,
            app.SubmissionId,
            app.SubmittedAt,
            app.UpdatedAt,
            app.DeadlineAt,
            app.ReadApplicant(),
            app.ReadProject(),
            (await documents).Select(DocumentView.From).OrderBy(d => d.Type, StringComparer.Ordinal).ToList(),
            eligibility is null ? null : new EligibilityView(eligibility.Eligible, eligibility.Outcome, eligibility.Rules),
            await EvaluationAsync(app, cancellationToken),
            app.SelectionJson is null ? null : JsonSerializer.Deserialize<ApplicationSelection>(app.SelectionJson, Json.Options),
            awardView,
            ReportView.FromRows(await reports),
            (await history).OrderBy(h => h.At).ThenBy(h => h.RowKey, StringComparer.Ordinal).Select(h => new HistoryView(h.At, h.Status, h.Actor, h.Reason)).ToList());
    }

    /// <summary>The recorded evaluation, or while the committee is still voting, the votes so far.</summary>
    async Task<Evaluation?> EvaluationAsync(ApplicationEntity app, CancellationToken cancellationToken)
    {
        if (app.EvaluationJson is not null)
        {
            return JsonSerializer.Deserialize<Evaluation>(app.EvaluationJson, Json.Options);
        }

        if (app.Status != Statuses.InEvaluation)
        {
            return null;
        }

        var edition = await editions.GetAsync(app.Edition, cancellationToken);
        var votes = (await reviews.ListAsync(app.ApplicationId, cancellationToken))
            .Select(t => t.Vote).OfType<VoteView>().ToList();
        return Tally.Count(votes, edition.Committee.Members.Count, edition.Committee.Quorum, edition.Committee.ScoreThreshold)
            with { Recommendation = "pending", DecidedBy = "" };
    }
}

public sealed record EligibilityView(bool? Eligible, string Outcome, IReadOnlyList<RuleResult> Rules);

public sealed record TrancheView(int Number, decimal Percent, decimal Amount, string Status, string? Requires, DateTimeOffset? DueAt,
    string? PaymentReference, DateTimeOffset? ReleasedAt, string? ValueDate);

public sealed record AwardView(decimal Amount, IReadOnlyList<TrancheView> Tranches, DateTimeOffset AwardedAt, string? Funder);

public sealed record HistoryView(DateTimeOffset At, string Status, string Actor, string Reason);

public sealed record ApplicationView(
    string ApplicationId,
    string Edition,
    string Status,
    Bilingual StatusLabel,
    string? ReviewStage,
    string Language,
    string Provider,
    string SubmissionId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeadlineAt,
    Applicant Applicant,
    Project Project,
    IReadOnlyList<DocumentView> Documents,
    EligibilityView? Eligibility,
    Evaluation? Evaluation,
    ApplicationSelection? Selection,
    AwardView? Award,
    IReadOnlyList<ReportView> Reports,
    IReadOnlyList<HistoryView> History);
