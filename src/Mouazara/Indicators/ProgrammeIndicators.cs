namespace Mouazara.Indicators;

/// <summary>
/// <c>GET /api/editions/{id}/indicators</c>: how an edition is doing, from its indicator facts. Amounts in MAD, shares from
/// 0 to 1, durations in hours.
/// </summary>
public sealed record ProgrammeIndicators(
    string Edition,
    DateTimeOffset ComputedAt,
    IReadOnlyDictionary<string, int> Statuses,
    IReadOnlyList<StageDuration> StageDurations,
    IReadOnlyList<PopulationIndicators> Populations,
    IReadOnlyList<TargetAttainment> Targets,
    MoneyIndicators Money,
    JobIndicators Jobs);

/// <summary>Time spent in a stage by the applications that have left it (median and 90th percentile, nearest rank).</summary>
public sealed record StageDuration(string Stage, int Count, double? MedianHours, double? P90Hours);

/// <summary>Applicants, shortlisted or selected: how many, the shares of women-led and rural projects, and the spread.</summary>
public sealed record PopulationIndicators(string Population, int Count, decimal? WomenLedShare, decimal? RuralShare,
    IReadOnlyDictionary<string, int> PerRegion, IReadOnlyDictionary<string, int> PerSector);

/// <summary>One of the edition's targets, evaluated on the selected projects. Achieved is null while nothing is selected.</summary>
public sealed record TargetAttainment(string Name, decimal Target, string Population, decimal? Achieved, bool Met);

public sealed record MoneyIndicators(decimal Requested, decimal Awarded, decimal Committed, decimal Released, IReadOnlyList<FunderMoney> PerFunder);

public sealed record FunderMoney(string Funder, decimal Envelope, decimal Awarded, decimal Committed, decimal Released);

/// <summary>
/// Jobs promised at application by the selected projects (created plus maintained) against those reported in their latest
/// accepted report.
/// </summary>
public sealed record JobIndicators(int Forecast, int Created, int Maintained, int ForecastCreated, int ForecastMaintained);
