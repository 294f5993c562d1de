using System.Globalization;
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
        var awardView = AwardOf(app, await tranches, await ledger);

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
            (await history).OrderBy(h => h.At).ThenBy(h => h.RowKey, StringComparer.Ordinal).Select(h => new HistoryView(h.At, h.Status, h.Actor, h.Reason)).ToList(),
            app.AgreementState is null ? null : new AgreementView(app.AgreementState, app.AgreementRound),
            app.SuspendedAt is { } suspendedAt ? new HoldView(suspendedAt, app.SuspensionReason ?? "") : null,
            app.WithdrawnAt is { } withdrawnAt ? new HoldView(withdrawnAt, app.WithdrawalReason ?? "") : null);
    }

    /// <summary>
    /// What finance may read of an application they pay: who is paid and where, the award, its tranches and ledger, and the
    /// bank certificate and agreements; nothing of the project, contacts, evaluation, eligibility or history.
    /// </summary>
    public async Task<FinanceApplicationView> ReadForFinanceAsync(ApplicationEntity app, CancellationToken cancellationToken)
    {
        var id = app.ApplicationId;
        var documents = documentStore.ListAsync(id, cancellationToken);
        var tranches = trancheStore.ListAsync(id, cancellationToken);
        var ledger = trancheStore.ListReleasesAsync(id, cancellationToken);
        await Task.WhenAll(documents, tranches, ledger);
        var applicant = app.ReadApplicant();
        return new FinanceApplicationView(
            id,
            app.Edition,
            app.Status,
            Statuses.All.GetValueOrDefault(app.Status, new Bilingual(app.Status, app.Status)),
            new FinanceApplicant(applicant.Name, app.ApplicantType, app.Region, applicant.BankAccount),
            AwardOf(app, await tranches, await ledger),
            (await ledger).OrderBy(l => l.RowKey, StringComparer.Ordinal).Select(l => new LedgerView(int.Parse(l.RowKey, CultureInfo.InvariantCulture),
                Money.ToDirhams(l.AmountCentimes), l.PaymentReference, l.ValueDate, l.ReleasedBy, l.RecordedAt)).ToList(),
            (await documents).Where(d => FinanceApplicationView.DocumentTypes.Contains(d.RowKey)).Select(DocumentView.From)
                .OrderBy(d => d.Type, StringComparer.Ordinal).ToList());
    }

    static AwardView? AwardOf(ApplicationEntity app, List<TrancheEntity> tranches, List<LedgerEntity> ledger)
    {
        var award = app.AwardJson is null ? null : JsonSerializer.Deserialize<Award>(app.AwardJson, Json.Options);
        if (award is null)
        {
            return null;
        }

        var ledgerByKey = ledger.ToDictionary(l => l.RowKey, StringComparer.Ordinal);
        return new AwardView(award.Amount,
            tranches.OrderBy(t => t.Number).Select(t =>
            {
                ledgerByKey.TryGetValue(t.RowKey, out var entry);
                var status = entry is null ? t.Status : TrancheStatuses.Released;
                return new TrancheView(t.Number, award.Tranches.First(a => a.Number == t.Number).Percent, Money.ToDirhams(t.AmountCentimes), status,
                    t.Requires, t.DueAt, entry?.PaymentReference, entry?.RecordedAt, entry?.ValueDate);
            }).ToList(), award.AwardedAt, award.Funder);
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
        var committee = CommitteeSnapshot.Of(app, edition);
        return Tally.Count(votes, committee.Members.Count, committee.Quorum, committee.ScoreThreshold)
            with { Recommendation = "pending", DecidedBy = "" };
    }
}

public sealed record EligibilityView(bool? Eligible, string Outcome, IReadOnlyList<RuleResult> Rules);

public sealed record TrancheView(int Number, decimal Percent, decimal Amount, string Status, string? Requires, DateTimeOffset? DueAt,
    string? PaymentReference, DateTimeOffset? ReleasedAt, string? ValueDate);

public sealed record AwardView(decimal Amount, IReadOnlyList<TrancheView> Tranches, DateTimeOffset AwardedAt, string? Funder);

/// <summary>The funding agreement's state (sent, signed, countersigned, sent-back) and which sending it is at.</summary>
public sealed record AgreementView(string State, int Round);

/// <summary>When and why staff suspended disbursement or withdrew the application.</summary>
public sealed record HoldView(DateTimeOffset At, string Reason);

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
    IReadOnlyList<HistoryView> History,
    AgreementView? Agreement,
    HoldView? Suspension,
    HoldView? Withdrawal);
