namespace Mouazara.Selection;

/// <summary>A selected application, the funder that pays it, and why it is there when staff decided it.</summary>
/// <param name="Basis">null when chosen by the optimisation; <c>pinned-in</c> or <c>fixed-award</c> otherwise.</param>
public sealed record SelectedApplication(string ApplicationId, string FunderId, long AmountCentimes, decimal Score, string? Basis);

/// <summary>
/// A place on a funder's waitlist: every left-out candidate that scores at least the minimum, has a funder that
/// accepts it and is not pinned out, once per such funder, ranked per funder by score (highest first), then id.
/// </summary>
public sealed record SelectionWaitlistEntry(string ApplicationId, string FunderId, int Rank, decimal Score);

/// <summary>A left-out candidate (waitlisted or not) and why, in words staff can defend.</summary>
public sealed record NotSelectedApplication(string ApplicationId, decimal Score, bool Waitlisted, IReadOnlyList<SelectionReason> Reasons);

/// <summary>
/// One target and what the portfolio achieved. Names: <c>womenLedMin</c>, <c>ruralMin</c> (shares),
/// <c>perRegionMin</c> (one entry per region, <see cref="Scope"/> = the region, counts), <c>sectorMaxShare</c> (one
/// entry per sector among the candidates, <see cref="Scope"/> = the sector, shares) and <c>scoreMin</c> (achieved =
/// the lowest selected score; never missed). <see cref="Shortfall"/> is in projects: how many more of the selected
/// would have to be women-led or rural, how many a region lacks, how many a sector has over its cap.
/// </summary>
public sealed record TargetAttainment(string Name, string? Scope, decimal Target, decimal Achieved, bool Met, int Shortfall);

/// <summary>A funder's envelope, what the portfolio commits from it, and the lowest score it pays (null if none).</summary>
public sealed record FunderUse(string Id, long EnvelopeCentimes, long CommittedCentimes, long RemainingCentimes, int Selected, decimal? CutOffScore);

/// <summary>
/// The outcome of one selection round, for staff to review and confirm. When <see cref="SelectionSolverReport.Status"/>
/// is <c>invalid</c> or <c>infeasible</c>, <see cref="Problems"/> says why and the lists of applications are empty.
/// </summary>
public sealed record SelectionProposal(
    SelectionSolverReport Solver,
    IReadOnlyList<SelectionReason> Problems,
    IReadOnlyList<SelectedApplication> Selected,
    IReadOnlyList<SelectionWaitlistEntry> Waitlist,
    IReadOnlyList<NotSelectedApplication> NotSelected,
    IReadOnlyList<TargetAttainment> Targets,
    IReadOnlyList<FunderUse> Funders,
    IReadOnlyList<SelectionPin> Pins,
    IReadOnlyList<SelectionFixedAward> FixedAwards)
{
    /// <summary>True when the proposal holds a portfolio (optimal or feasible).</summary>
    public bool HasPortfolio => Solver.Status is SelectionStatus.Optimal or SelectionStatus.Feasible;
}
