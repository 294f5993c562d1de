namespace Mouazara.Selection;

/// <summary>The values of <see cref="SelectionSolverReport.Status"/>.</summary>
public static class SelectionStatus
{
    /// <summary>CP-SAT proved the portfolio optimal (both phases when solved in two).</summary>
    public const string Optimal = "optimal";

    /// <summary>A portfolio was found but the time limit came before the proof.</summary>
    public const string Feasible = "feasible";

    /// <summary>The pins and confirmed awards cannot all hold (see the proposal's problems); no portfolio.</summary>
    public const string Infeasible = "infeasible";

    /// <summary>The request itself is wrong (unknown ids, contradictory pins, bad numbers); no portfolio.</summary>
    public const string Invalid = "invalid";

    /// <summary>The time limit came before any portfolio was found.</summary>
    public const string Unknown = "unknown";
}

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
