using System.Text.Json;
using System.Text.Json.Nodes;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Indicators;
using Mouazara.Kernel;
using Mouazara.Testing;

namespace Mouazara.Tests.Indicators;

/// <summary>
/// The indicators of five hand-made facts, each figure worked out by hand in the comments: statuses, stage durations
/// (nearest-rank median and 90th percentile), the three populations, the targets, money per funder and jobs.
/// </summary>
public sealed class IndicatorCalculatorTests
{
    static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    internal static Edition Edition(string id, Action<JsonObject>? change = null)
    {
        var json = TestEditions.Fast(id);
        json["funders"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "ministry", ["name"] = new JsonObject { ["ar"] = "الوزارة", ["fr"] = "Ministère" }, ["envelope"] = 6000000,
                ["applicantTypes"] = new JsonArray("association", "network"), ["regions"] = new JsonArray(),
            },
            new JsonObject
            {
                ["id"] = "council-x", ["name"] = new JsonObject { ["ar"] = "مجلس", ["fr"] = "Conseil" }, ["envelope"] = 700000,
                ["applicantTypes"] = new JsonArray("cooperative"), ["regions"] = new JsonArray("MA-03"),
            });
        json["targets"] = new JsonObject { ["womenLedMin"] = 0.64, ["ruralMin"] = 0.47, ["perRegionMin"] = 1, ["sectorMaxShare"] = 0.3, ["scoreMin"] = 60 };
        change?.Invoke(json);
        return JsonSerializer.Deserialize<Edition>(json.ToJsonString(), Json.Options)!;
    }

    static IndicatorFactEntity Fact(string id, string region, string sector, bool womenLed, bool rural, long requestedDirhams,
        params (string Status, double Hours)[] statuses)
    {
        var fact = new IndicatorFactEntity
        {
            PartitionKey = "e", RowKey = id, Region = region, Sector = sector, WomenLed = womenLed, Rural = rural,
            RequestedCentimes = requestedDirhams * 100, ApplicantType = "association",
        };
        foreach (var (status, hours) in statuses)
        {
            Assert.True(fact.ApplyStatus(status, null, T0.AddHours(hours)));
        }

        return fact;
    }

    static List<IndicatorFactEntity> Facts()
    {
        // f1: documents 10 h, eligibility 2 h, committee 28 h, selection 60 h, agreement 30 h, now disbursing; paid 6,000 of 10,000.
        var f1 = Fact("f1", "MA-01", "agriculture", true, true, 10000,
            ("received", 0), ("awaiting-documents", 1), ("checking-eligibility", 10), ("in-evaluation", 12), ("shortlisted", 40), ("selected", 100),
            ("awaiting-signature", 110), ("disbursing", 130));
        (f1.SelectionOutcome, f1.Funder, f1.AwardCentimes, f1.Score) = ("selected", "ministry", 10000_00, 75);
        (f1.ForecastJobsCreated, f1.ForecastJobsMaintained, f1.ReportNumber, f1.JobsCreated, f1.JobsMaintained) = (4, 6, 1, 2, 3);
        (f1.ReleasesJson, f1.ReleasedCentimes) = ("{\"1\":600000}", 6000_00);

        // f2: documents 2 h, eligibility 1 h, committee 16 h, then waitlisted (still in the selection stage).
        var f2 = Fact("f2", "MA-02", "health", false, true, 20000,
            ("received", 1), ("checking-eligibility", 3), ("in-evaluation", 4), ("shortlisted", 20), ("waitlisted", 100));
        (f2.SelectionOutcome, f2.Rank, f2.Score) = ("waitlisted", 1, 65);

        // f3: documents 30 h, eligibility 1 h, ineligible.
        var f3 = Fact("f3", "MA-01", "handicrafts", true, false, 30000, ("received", 0), ("checking-eligibility", 30), ("ineligible", 31));

        // f4: documents 5 h, eligibility 1 h, committee 4 h, selection 40 h, agreement 30 h, then its award lapsed.
        var f4 = Fact("f4", "MA-03", "agriculture", true, false, 15000,
            ("received", 0), ("checking-eligibility", 5), ("in-evaluation", 6), ("shortlisted", 10), ("selected", 50), ("award-lapsed", 80));
        (f4.SelectionOutcome, f4.Funder, f4.AwardCentimes, f4.Score, f4.ForecastJobsCreated) = ("selected", "council-x", 15000_00, 62, 9);

        // f5: still in documents.
        var f5 = Fact("f5", "MA-01", "services", false, false, 5000, ("received", 0));
        return [f1, f2, f3, f4, f5];
    }

    [Fact]
    public void Every_figure_matches_the_hand_computed_one()
    {
        var at = T0.AddDays(10);
        var result = IndicatorCalculator.Compute(Edition("e"), Facts(), at);

        Assert.Equal("e", result.Edition);
        Assert.Equal(at, result.ComputedAt);
        Assert.Equal(new Dictionary<string, int> { ["award-lapsed"] = 1, ["disbursing"] = 1, ["ineligible"] = 1, ["received"] = 1, ["waitlisted"] = 1 },
            result.Statuses);

        // Sorted hours and the nearest ranks: documents [2, 5, 10, 30] → median rank 2 (5), p90 rank ceil(3.6)=4 (30);
        // eligibility [1, 1, 1, 2] → 1 and 2; committee [4, 16, 28] → ranks 2 and 3; selection [40, 60] → ranks 1 and 2;
        // agreement [30, 30]; nobody has left disbursement.
        Assert.Equal(
            [("documents", 4, 5.0, 30.0), ("eligibility", 4, 1.0, 2.0), ("committee", 3, 16.0, 28.0), ("selection", 2, 40.0, 60.0),
             ("agreement", 2, 30.0, 30.0)],
            result.StageDurations.Take(5).Select(d => (d.Stage, d.Count, d.MedianHours!.Value, d.P90Hours!.Value)));
        Assert.Equal(new StageDuration("disbursement", 0, null, null), result.StageDurations[5]);

        var applicants = result.Populations.Single(p => p.Population == "applicants");
        Assert.Equal((5, 0.6m, 0.4m), (applicants.Count, applicants.WomenLedShare, applicants.RuralShare));
        Assert.Equal(new Dictionary<string, int> { ["MA-01"] = 3, ["MA-02"] = 1, ["MA-03"] = 1 }, applicants.PerRegion);
        Assert.Equal(new Dictionary<string, int> { ["agriculture"] = 2, ["handicrafts"] = 1, ["health"] = 1, ["services"] = 1 }, applicants.PerSector);

        // Shortlisted: f1, f2, f4 (f2 waitlisted and f4 lapsed since, but they were shortlisted).
        var shortlisted = result.Populations.Single(p => p.Population == "shortlisted");
        Assert.Equal((3, 0.6667m, 0.6667m), (shortlisted.Count, shortlisted.WomenLedShare, shortlisted.RuralShare));

        // Selected: f1 alone, f4's award having lapsed.
        var selected = result.Populations.Single(p => p.Population == "selected");
        Assert.Equal((1, 1m, 1m), (selected.Count, selected.WomenLedShare, selected.RuralShare));
        Assert.Equal(new Dictionary<string, int> { ["MA-01"] = 1 }, selected.PerRegion);

        Assert.Equal(
        [
            new TargetAttainment("womenLedMin", 0.64m, "selected", 1m, true),
            new TargetAttainment("ruralMin", 0.47m, "selected", 1m, true),
            new TargetAttainment("perRegionMin", 1, "selected", 0, false),        // eleven regions have none
            new TargetAttainment("sectorMaxShare", 0.3m, "selected", 1m, false),  // all of it in agriculture
            new TargetAttainment("scoreMin", 60, "selected", 75, true),
        ], result.Targets);

        // Requested 10,000 + 20,000 + 30,000 + 15,000 + 5,000; awarded f1 and f4; committed f1 only; released 6,000.
        Assert.Equal((80000m, 25000m, 10000m, 6000m), (result.Money.Requested, result.Money.Awarded, result.Money.Committed, result.Money.Released));
        Assert.Equal(
            [new FunderMoney("ministry", 6000000m, 10000m, 10000m, 6000m), new FunderMoney("council-x", 700000m, 15000m, 0m, 0m)],
            result.Money.PerFunder);

        Assert.Equal(new JobIndicators(10, 2, 3, 4, 6), result.Jobs);
    }

    [Fact]
    public void An_edition_with_nothing_yet_has_empty_figures_and_only_the_targets_that_ask_nothing_are_met()
    {
        var result = IndicatorCalculator.Compute(Edition("e", j => j["targets"] = new JsonObject { ["womenLedMin"] = 0.64 }), [], T0);
        Assert.Empty(result.Statuses);
        Assert.All(result.StageDurations, d => Assert.Equal((0, (double?)null, (double?)null), (d.Count, d.MedianHours, d.P90Hours)));
        Assert.All(result.Populations, p => Assert.Equal((0, (decimal?)null), (p.Count, p.WomenLedShare)));
        Assert.Equal([false, true, true, true, true], result.Targets.Select(t => t.Met));
        Assert.All(result.Targets, t => Assert.Null(t.Achieved));
        Assert.Equal(0m, result.Money.Requested);
        Assert.Equal(["ministry", "council-x"], result.Money.PerFunder.Select(f => f.Funder));
    }

    [Fact]
    public void A_status_change_applied_again_or_late_changes_nothing()
    {
        var fact = new IndicatorFactEntity();
        Assert.True(fact.ApplyStatus("received", null, T0));
        Assert.True(fact.ApplyStatus("checking-eligibility", null, T0.AddHours(2)));
        var stages = fact.StagesJson;

        Assert.False(fact.ApplyStatus("checking-eligibility", null, T0.AddHours(2)));   // the same activity run again
        Assert.False(fact.ApplyStatus("awaiting-documents", null, T0.AddHours(1)));     // an older change arriving late
        Assert.Equal(("checking-eligibility", "eligibility", stages), (fact.Status, fact.Stage, fact.StagesJson));

        // A staff review within eligibility stays in the stage; the end of the application closes it.
        Assert.True(fact.ApplyStatus("awaiting-staff-review", "eligibility", T0.AddHours(3)));
        Assert.True(fact.ApplyStatus("ineligible", null, T0.AddHours(7)));
        var spans = fact.ReadStages();
        Assert.Equal(new StageSpan(T0, T0.AddHours(2)), spans["documents"]);
        Assert.Equal(new StageSpan(T0.AddHours(2), T0.AddHours(7)), spans["eligibility"]);
        Assert.Null(fact.Stage);
    }
}
