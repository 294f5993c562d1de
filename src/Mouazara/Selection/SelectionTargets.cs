namespace Mouazara.Selection;

/// <summary>
/// The edition's targets for the portfolio. Shares are fractions of the number of selected projects (0.64 = 64 %),
/// taken to the nearest basis point. <see cref="ScoreMin"/> is hard: a project below it is never selected. The
/// others are soft: when no portfolio can meet them, the selection misses them by as few projects as possible
/// (see <see cref="SelectionSolver"/>).
/// </summary>
/// <param name="WomenLedMin">At least this share of the selected projects are women-led.</param>
/// <param name="RuralMin">At least this share of the selected projects are rural.</param>
/// <param name="PerRegionMin">At least this many selected projects in each region of the request's list.</param>
/// <param name="SectorMaxShare">No sector holds more than this share of the selected projects (a sector's first project is always allowed).</param>
/// <param name="ScoreMin">No project scoring below this is selected.</param>
public sealed record SelectionTargets(
    decimal WomenLedMin,
    decimal RuralMin,
    int PerRegionMin,
    decimal SectorMaxShare,
    decimal ScoreMin);
