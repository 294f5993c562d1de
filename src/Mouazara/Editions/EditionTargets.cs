namespace Mouazara.Editions;

/// <summary>
/// The programme's targets for the projects an edition selects: at least these shares of women-led and of rural
/// projects, at least this many per region, at most this share in any one sector, and nothing below this committee
/// score. The defaults ask nothing, so an edition without targets selects on scores and envelopes alone.
/// </summary>
public sealed record EditionTargets
{
    /// <summary>Minimum share (0 to 1) of women-led projects among those selected.</summary>
    public decimal WomenLedMin { get; init; }

    /// <summary>Minimum share (0 to 1) of rural projects among those selected.</summary>
    public decimal RuralMin { get; init; }

    /// <summary>Minimum number of selected projects in each of the twelve regions.</summary>
    public int PerRegionMin { get; init; }

    /// <summary>Maximum share (0 to 1) of the selected projects in any one sector.</summary>
    public decimal SectorMaxShare { get; init; } = 1;

    /// <summary>The committee score (out of 100) below which nothing is selected.</summary>
    public decimal ScoreMin { get; init; }
}
