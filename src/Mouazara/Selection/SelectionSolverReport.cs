namespace Mouazara.Selection;

/// <summary>
/// One CP-SAT solve: its objective and best bound in the model's integer units, its wall time and its
/// deterministic time, branches and conflicts (CP-SAT's own counts: the same on every run with one worker, whatever
/// else the machine is doing, so they compare runs on a loaded machine where the wall time cannot).
/// </summary>
/// <param name="Name">shortfall (projects short of the targets), score (hundredths of a point) or weighted.</param>
/// <param name="Solves">The score phase split on the number selected: how many CP-SAT solves it took (0: one solve, not split).</param>
/// <param name="CountLow">The split: the smallest number of projects selected whose range was searched on its own (0 when not split).</param>
/// <param name="CountHigh">The split: the largest such number.</param>
public sealed record SelectionSolverPhase(string Name, string Status, long Objective, long BestBound, double Seconds, double DeterministicTime,
    long Branches = 0, long Conflicts = 0, int Solves = 0, int CountLow = 0, int CountHigh = 0);

/// <summary>
/// What the solver did: the status, the portfolio's shortfall (projects missing from the soft targets, the first
/// level of the objective) and total score (the second), the best bounds proven for each, and the wall time.
/// </summary>
public sealed record SelectionSolverReport(
    string Status,
    string Objective,
    int Shortfall,
    int ShortfallBound,
    decimal Score,
    decimal ScoreBound,
    double Seconds,
    IReadOnlyList<SelectionSolverPhase> Phases);
