namespace Mouazara.Selection;

/// <summary>
/// Everything one selection round needs, and nothing else: the shortlisted candidates, the funders, the targets, the
/// regions the per-region target applies to, the staff pins, the awards already confirmed and a time limit.
/// </summary>
/// <param name="TimeLimitSeconds">
/// The solver's budget. It is given to CP-SAT as deterministic time (its own work units, close to seconds on this
/// kind of machine), so a search stopped by it stops at the same point on every run; a wall-clock cap of ten times
/// the budget (and 10 s more) guards against a much slower machine. Three times was seen to end the search first on
/// this 2-core machine under a load average of 60, which made the portfolio depend on the load.
/// </param>
public sealed record SelectionRequest(
    IReadOnlyList<SelectionCandidate> Candidates,
    IReadOnlyList<SelectionFunder> Funders,
    SelectionTargets Targets,
    IReadOnlyList<string> Regions,
    IReadOnlyList<SelectionPin>? Pins = null,
    IReadOnlyList<SelectionFixedAward>? FixedAwards = null,
    double TimeLimitSeconds = 10);
