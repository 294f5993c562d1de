using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Indicators;

/// <summary>
/// Computes an edition's indicators from its facts alone (no other table), so every host gives the same figures.
/// Populations: <c>applicants</c> every application; <c>shortlisted</c> those the committee ever shortlisted;
/// <c>selected</c> those selected (or awarded) whose award has not lapsed and that were not withdrawn. Targets are
/// evaluated on the selected.
/// </summary>
public static class IndicatorCalculator
{
    public const string Applicants = "applicants";
    public const string Shortlisted = "shortlisted";
    public const string Selected = "selected";

    public static ProgrammeIndicators Compute(Edition edition, IReadOnlyCollection<IndicatorFactEntity> facts, DateTimeOffset computedAt)
    {
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var fact in facts.Where(f => f.Status.Length > 0))
        {
            statuses[fact.Status] = statuses.GetValueOrDefault(fact.Status) + 1;
        }

        var shortlisted = facts.Where(f => f.Shortlisted).ToList();
        var selected = facts.Where(IsSelected).ToList();
        return new ProgrammeIndicators(
            edition.Id,
            computedAt,
            statuses,
            IndicatorStages.All.Select(stage => Durations(stage, facts)).ToList(),
            [Population(Applicants, facts), Population(Shortlisted, shortlisted), Population(Selected, selected)],
            Targets(edition, selected),
            MoneyOf(edition, facts),
            new JobIndicators(
                selected.Sum(f => f.ForecastJobsCreated + f.ForecastJobsMaintained),
                selected.Sum(f => f.JobsCreated),
                selected.Sum(f => f.JobsMaintained),
                selected.Sum(f => f.ForecastJobsCreated),
                selected.Sum(f => f.ForecastJobsMaintained)));
    }

    /// <summary>Selected (or awarded, for the first lifecycle, which had no selection) and still holding its award.</summary>
    public static bool IsSelected(IndicatorFactEntity fact) =>
        (fact.SelectionOutcome == "selected" || fact.AwardCentimes > 0) && !HasLostAward(fact);

    /// <summary>An award that lapsed or whose application was withdrawn no longer commits its funder.</summary>
    static bool HasLostAward(IndicatorFactEntity fact) => fact.Status is Statuses.AwardLapsed or Statuses.Withdrawn;

    static StageDuration Durations(string stage, IEnumerable<IndicatorFactEntity> facts)
    {
        var hours = new List<double>();
        foreach (var fact in facts)
        {
            if (fact.ReadStages().TryGetValue(stage, out var span) && span.LeftAt is { } left)
            {
                hours.Add((left - span.EnteredAt).TotalHours);
            }
        }

        hours.Sort();
        return new StageDuration(stage, hours.Count, Round(Percentiles.NearestRank(hours, 50)), Round(Percentiles.NearestRank(hours, 90)));
    }

    static double? Round(double? hours) => hours is { } h ? Math.Round(h, 2, MidpointRounding.AwayFromZero) : null;

    static PopulationIndicators Population(string name, IReadOnlyCollection<IndicatorFactEntity> facts)
    {
        var perRegion = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var perSector = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            perRegion[fact.Region] = perRegion.GetValueOrDefault(fact.Region) + 1;
            perSector[fact.Sector] = perSector.GetValueOrDefault(fact.Sector) + 1;
        }

        return new PopulationIndicators(name, facts.Count, Share(facts.Count(f => f.WomenLed), facts.Count), Share(facts.Count(f => f.Rural), facts.Count),
            perRegion, perSector);
    }

    static decimal? Share(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    static List<TargetAttainment> Targets(Edition edition, List<IndicatorFactEntity> selected)
    {
        var targets = edition.Targets;
        var any = selected.Count > 0;
        var regions = edition.Regions.Count > 0 ? edition.Regions : Regions.All.Keys.Order(StringComparer.Ordinal).ToList();
        decimal? leastPerRegion = any ? regions.Min(r => selected.Count(f => f.Region == r)) : null;
        decimal? largestSectorShare = any ? selected.GroupBy(f => f.Sector).Max(g => Share(g.Count(), selected.Count)) : null;
        var scores = selected.Where(f => f.Score is not null).Select(f => (decimal)f.Score!.Value).ToList();
        decimal? lowestScore = scores.Count > 0 ? Math.Round(scores.Min(), 2, MidpointRounding.AwayFromZero) : null;
        var womenLed = Share(selected.Count(f => f.WomenLed), selected.Count);
        var rural = Share(selected.Count(f => f.Rural), selected.Count);
        return
        [
            AtLeast("womenLedMin", targets.WomenLedMin, womenLed),
            AtLeast("ruralMin", targets.RuralMin, rural),
            AtLeast("perRegionMin", targets.PerRegionMin, leastPerRegion),
            new TargetAttainment("sectorMaxShare", targets.SectorMaxShare, Selected, largestSectorShare, largestSectorShare is null || largestSectorShare <= targets.SectorMaxShare),
            AtLeast("scoreMin", targets.ScoreMin, lowestScore),
        ];
    }

    /// <summary>A minimum: met when achieved reaches it; with nothing to measure, met only when it asks nothing.</summary>
    static TargetAttainment AtLeast(string name, decimal target, decimal? achieved) =>
        new(name, target, Selected, achieved, achieved is { } a ? a >= target : target <= 0);

    static MoneyIndicators MoneyOf(Edition edition, IReadOnlyCollection<IndicatorFactEntity> facts)
    {
        var awarded = facts.Where(f => f.AwardCentimes > 0).ToList();
        var funders = edition.Funders.Select(f => f.Id).ToList();
        funders.AddRange(awarded.Select(f => f.Funder ?? "none").Distinct().Where(id => !funders.Contains(id)).Order(StringComparer.Ordinal));
        var perFunder = funders.Select(id =>
        {
            var own = awarded.Where(f => (f.Funder ?? "none") == id).ToList();
            var envelope = edition.Funders.FirstOrDefault(f => f.Id == id)?.Envelope ?? 0;
            return new FunderMoney(id, envelope, Dirhams(own.Sum(f => f.AwardCentimes)), Dirhams(own.Where(f => !HasLostAward(f)).Sum(f => f.AwardCentimes)),
                Dirhams(own.Sum(f => f.ReleasedCentimes)));
        }).ToList();
        return new MoneyIndicators(
            Dirhams(facts.Sum(f => f.RequestedCentimes)),
            Dirhams(awarded.Sum(f => f.AwardCentimes)),
            Dirhams(awarded.Where(f => !HasLostAward(f)).Sum(f => f.AwardCentimes)),
            Dirhams(facts.Sum(f => f.ReleasedCentimes)),
            perFunder);
    }

    static decimal Dirhams(long centimes) => Money.ToDirhams(centimes);
}
