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
