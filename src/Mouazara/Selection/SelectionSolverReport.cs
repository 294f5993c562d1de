namespace Mouazara.Selection;

/// <summary>
/// One CP-SAT solve: its objective and best bound in the model's integer units, its wall time and its
/// deterministic time (CP-SAT's own work units: the same on every run, whatever else the machine is doing).
/// </summary>
/// <param name="Name">shortfall (projects short of the targets), score (hundredths of a point) or weighted.</param>
public sealed record SelectionSolverPhase(string Name, string Status, long Objective, long BestBound, double Seconds, double DeterministicTime);

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
