using Mouazara.Kernel;

namespace Mouazara.Selection;

/// <summary>An edition's selection as staff read it: the round's status and, once proposed, the portfolio and its reasons.</summary>
public sealed record SelectionView(
    string Edition,
    string Status,
    int Version,
    SolverView? Solver,
    IReadOnlyList<SelectedView> Selected,
    IReadOnlyList<WaitlistView> Waitlist,
    IReadOnlyList<NotSelectedView> NotSelected,
    IReadOnlyList<TargetView> Targets,
    IReadOnlyList<FunderView> Funders,
    IReadOnlyList<PinView> Pins,
    IReadOnlyList<SelectionReason> Problems,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? ProposedBy,
    DateTimeOffset? ProposedAt,
    string? ConfirmedBy,
    DateTimeOffset? ConfirmedAt,
    IReadOnlyList<SelectionHistoryView> History,
    PromotionView? Promotion = null,
    DateTimeOffset? WaitlistClosedAt = null,
    string? WaitlistClosedBy = null)
{
    public static SelectionView From(string edition, SelectionRoundEntity? round, SelectionProposal? proposal, IReadOnlyList<SelectionPinEntity> pins,
        IReadOnlyList<SelectionHistoryEntity> history) => new(
        edition,
        round?.Status ?? SelectionRoundStatuses.Open,
        round?.Version ?? 0,
        proposal is null ? null : new SolverView(proposal.Solver.Status, proposal.Solver.Score, proposal.Solver.ScoreBound, proposal.Solver.Shortfall,
            proposal.Solver.ShortfallBound, Math.Round(proposal.Solver.Seconds, 2)),
        proposal?.Selected.Select(s => new SelectedView(s.ApplicationId, s.FunderId, Money.ToDirhams(s.AmountCentimes), s.Score, s.Basis)).ToList() ?? [],
        proposal?.Waitlist.Select(w => new WaitlistView(w.ApplicationId, w.FunderId, w.Rank, w.Score)).ToList() ?? [],
        proposal?.NotSelected.Where(n => !n.Waitlisted).Select(n => new NotSelectedView(n.ApplicationId, n.Score, n.Reasons)).ToList() ?? [],
        proposal?.Targets.Select(t => new TargetView(t.Name, t.Scope, t.Target, t.Achieved, t.Met, t.Shortfall)).ToList() ?? [],
        proposal?.Funders.Select(f => new FunderView(f.Id, Money.ToDirhams(f.EnvelopeCentimes), Money.ToDirhams(f.CommittedCentimes), f.Selected, f.CutOffScore)).ToList() ?? [],
        pins.Select(p => new PinView(p.ApplicationId, p.Pin, p.Reason, p.Actor, p.At)).ToList(),
        proposal?.Problems ?? [],
        round?.ClosedAt,
        round?.ClosedBy,
        round?.ProposedBy,
        round?.ProposedAt,
        round?.ConfirmedBy,
        round?.ConfirmedAt,
        history.OrderBy(h => h.RowKey, StringComparer.Ordinal).Select(h => new SelectionHistoryView(h.At, h.Actor, h.What)).ToList(),
        round?.Promotion is { } number && proposal is not null
            ? new PromotionView(number, round.PromotionTrigger, WaitlistPromotion.Promoted(proposal)
                .Select(s => new SelectedView(s.ApplicationId, s.FunderId, Money.ToDirhams(s.AmountCentimes), s.Score, s.Basis)).ToList())
            : null,
        round?.WaitlistClosedAt,
        round?.WaitlistClosedBy);
}

/// <summary>
/// The current proposal is a waitlist promotion (the re-solve after <see cref="ReturnedBy"/>'s award returned its money):
/// its number in the edition and the waitlisted applications it selects. The proposal's other lists are the whole
/// portfolio, the confirmed awards included.
/// </summary>
public sealed record PromotionView(int Number, string? ReturnedBy, IReadOnlyList<SelectedView> Promoted);

/// <summary>The solver's report: objective is the total committee score of the portfolio, bound the best it could be.</summary>
public sealed record SolverView(string Status, decimal Objective, decimal Bound, int Shortfall, int ShortfallBound, double Seconds);

public sealed record SelectedView(string ApplicationId, string Funder, decimal Amount, decimal Score, string? Basis);

public sealed record WaitlistView(string ApplicationId, string Funder, int Rank, decimal Score);

public sealed record NotSelectedView(string ApplicationId, decimal Score, IReadOnlyList<SelectionReason> Reasons);

public sealed record TargetView(string Name, string? Scope, decimal Target, decimal Achieved, bool Met, int Shortfall);

public sealed record FunderView(string Id, decimal Envelope, decimal Committed, int Selected, decimal? CutOffScore);

/// <summary>One line of the edition's selection history: who closed, proposed, pinned and confirmed, and when.</summary>
public sealed record SelectionHistoryView(DateTimeOffset At, string Actor, string What);

public sealed record PinView(string ApplicationId, string Pin, string Reason, string Actor, DateTimeOffset At);
