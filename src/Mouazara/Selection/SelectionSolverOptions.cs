namespace Mouazara.Selection;

/// <summary>How the two levels of the objective (fewest projects short of the targets, then the highest total score) are solved.</summary>
public enum SelectionObjective
{
    /// <summary>Phase 1 minimises the shortfall; phase 2 keeps it at that minimum and maximises the score.</summary>
    TwoPhase,

    /// <summary>One solve of score − M × shortfall, with M larger than any total score.</summary>
    Weighted,
}

/// <summary>
/// Tuning knobs, for the benchmark and tests; the defaults are what production uses.
/// </summary>
/// <param name="Workers">CP-SAT workers. Above 1 the search is interleaved (<c>interleave_search</c>), which stays deterministic.</param>
/// <param name="Objective">See <see cref="SelectionObjective"/>.</param>
/// <param name="Dominance">Add the dominance rule between interchangeable candidates (see <see cref="SelectionSolver"/>).</param>
/// <param name="GreedyHint">Start the search from the greedy portfolio (best score first while money lasts).</param>
/// <param name="Seed">CP-SAT's random seed.</param>
/// <param name="CrossMarkDominance">Let a women-led or rural candidate dominate one that is not, all else equal (see <see cref="SelectionSolver"/>).</param>
/// <param name="Parameters">More CP-SAT parameters in its text format, appended last (for experiments from the benchmark).</param>
/// <param name="SplitFromStart">For tests: split on the count from phase 1's portfolio at once, without a first search of the whole model.</param>
/// <param name="SplitOnCount">Prove the score phase one number of selected projects at a time (see <see cref="SelectionModel"/>).</param>
/// <param name="Lazy">Leave out the rows of regions and sectors not at risk until a portfolio misses them (see <see cref="SelectionSolver"/>).</param>
public sealed record SelectionSolverOptions(
    int Workers = 1,
    SelectionObjective Objective = SelectionObjective.TwoPhase,
    bool Dominance = true,
    bool GreedyHint = true,
    int Seed = 7,
    bool Lazy = true,
    string? Parameters = null,
    bool CrossMarkDominance = true,
    bool SplitOnCount = true,
    bool SplitFromStart = false)
{
    public static readonly SelectionSolverOptions Default = new();
}
