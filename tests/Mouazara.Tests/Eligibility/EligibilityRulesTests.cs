using System.Globalization;
using System.Text.Json;
using Mouazara.Editions;
using Mouazara.Eligibility;
using Mouazara.Kernel;
using Mouazara.Testing;

namespace Mouazara.Tests.Eligibility;

/// <summary>The edition's eligibility rules, each with its verdict and reasons in Arabic and French.</summary>
public sealed class EligibilityRulesTests
{
    // Opens 2026-01-01, cap 49,000 MAD, every type, region and sector. The rules read no clock, so fixed dates are safe here.
    static Edition Edition()
    {
        var edition = TestEditions.Fast("edition-2026");
        edition["opensOn"] = "2026-01-01";
        edition["closesOn"] = "2026-12-31";
        return JsonSerializer.Deserialize<Edition>(edition, Json.Options)!;
    }

    static EligibilityFacts Facts(string type = "association", string region = "MA-07", string sector = "handicrafts",
        decimal requested = 45_000m, decimal budget = 60_000m, DateOnly? founded = null, bool noFoundingDate = false) =>
        new(type, region, sector, requested, budget, noFoundingDate ? null : founded ?? new DateOnly(2015, 5, 10));

    /// <summary>The test edition paid as the programme pays it: the ministry for associations and networks everywhere, a regional council for the cooperatives of L'Oriental.</summary>
    static Edition Funded() => Edition() with
    {
        Funders =
        [
            new() { Id = "ministry", Name = new("كتابة الدولة المكلفة بالاقتصاد الاجتماعي والتضامني", "Secrétariat d'État chargé de l'Économie sociale et solidaire"), Envelope = 6_000_000m, ApplicantTypes = ["association", "network"] },
            new() { Id = "region-oriental", Name = new("مجلس جهة الشرق", "Conseil de la Région de l'Oriental"), Envelope = 1_200_000m, ApplicantTypes = ["cooperative"], Regions = ["MA-02"] },
        ],
    };

    static RuleResult Rule(EligibilityResult result, string rule) => Assert.Single(result.Rules, r => r.Rule == rule);

    static bool IsArabic(string text) => text.Any(c => c is >= '\u0600' and <= '\u06FF');

    [Fact]
    public void An_application_meeting_every_rule_is_eligible_with_a_passing_reason_per_rule()
    {
        var result = EligibilityRules.Evaluate(Edition(), Facts());

        Assert.Equal(EligibilityResult.EligibleOutcome, result.Outcome);
        Assert.True(result.Eligible);
        Assert.Equal(["applicant-type", "region", "sector", "amount-cap", "within-budget", "founded-before-call"], result.Rules.Select(r => r.Rule));
        Assert.All(result.Rules, r =>
        {
            Assert.Equal(RuleVerdict.Pass, r.Verdict);
            Assert.True(IsArabic(r.MessageAr), r.MessageAr);
            Assert.False(IsArabic(r.MessageFr), r.MessageFr);
            Assert.False(string.IsNullOrWhiteSpace(r.MessageFr));
        });
    }

    [Fact]
    public void A_requested_amount_above_the_cap_fails_with_reasons_in_Arabic_and_French()
    {
        var result = EligibilityRules.Evaluate(Edition(), Facts(requested: 49_000.01m));

        var rule = Rule(result, "amount-cap");
        Assert.Equal(RuleVerdict.Fail, rule.Verdict);
        Assert.Equal(EligibilityResult.IneligibleOutcome, result.Outcome);
        Assert.False(result.Eligible);

        // The amounts appear in each language's number format, with the currency.
        var requestedFr = 49_000.01m.ToString("N2", CultureInfo.GetCultureInfo("fr-MA"));
        var capFr = 49_000m.ToString("N2", CultureInfo.GetCultureInfo("fr-MA"));
        Assert.Contains("dépasse le plafond", rule.MessageFr, StringComparison.Ordinal);
        Assert.Contains(requestedFr + " MAD", rule.MessageFr, StringComparison.Ordinal);
        Assert.Contains(capFr + " MAD", rule.MessageFr, StringComparison.Ordinal);
        Assert.True(IsArabic(rule.MessageAr));
        Assert.Contains("يتجاوز السقف", rule.MessageAr, StringComparison.Ordinal);
        Assert.Contains(49_000.01m.ToString("N2", CultureInfo.GetCultureInfo("ar-MA")) + " درهم", rule.MessageAr, StringComparison.Ordinal);
        Assert.DoesNotContain("MAD", rule.MessageAr, StringComparison.Ordinal);

        Assert.All(result.Rules.Where(r => r.Rule != "amount-cap"), r => Assert.Equal(RuleVerdict.Pass, r.Verdict));
    }

    [Fact]
    public void A_requested_amount_equal_to_the_cap_passes()
    {
        var result = EligibilityRules.Evaluate(Edition(), Facts(requested: 49_000m));

        Assert.Equal(RuleVerdict.Pass, Rule(result, "amount-cap").Verdict);
        Assert.True(result.Eligible);
    }

    [Fact]
    public void Asking_for_more_than_the_projects_total_budget_fails_naming_the_budget()
    {
        var result = EligibilityRules.Evaluate(Edition(), Facts(requested: 30_000m, budget: 25_000m));

        var rule = Rule(result, "within-budget");
        Assert.Equal(RuleVerdict.Fail, rule.Verdict);
        Assert.Contains(25_000m.ToString("N2", CultureInfo.GetCultureInfo("fr-MA")), rule.MessageFr, StringComparison.Ordinal);
        Assert.False(result.Eligible);
        Assert.Equal(RuleVerdict.Pass, EligibilityRules.Evaluate(Edition(), Facts(requested: 30_000m, budget: 30_000m)).Rules.Single(r => r.Rule == "within-budget").Verdict);
    }

    [Fact]
    public void An_applicant_type_outside_the_edition_fails_listing_the_admitted_types_in_both_languages()
    {
        var edition = Edition() with { ApplicantTypes = ["cooperative", "network"] };

        var rule = Rule(EligibilityRules.Evaluate(edition, Facts(type: "association")), "applicant-type");

        Assert.Equal(RuleVerdict.Fail, rule.Verdict);
        Assert.Contains("Coopérative", rule.MessageFr, StringComparison.Ordinal);
        Assert.Contains("Réseau d'associations", rule.MessageFr, StringComparison.Ordinal);
        Assert.Contains("تعاونية", rule.MessageAr, StringComparison.Ordinal);
        Assert.Contains("شبكة جمعيات", rule.MessageAr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_outside_a_regional_edition_fails_naming_the_region()
    {
        var edition = Edition() with { Regions = ["MA-07", "MA-08"] };

        var result = EligibilityRules.Evaluate(edition, Facts(region: "MA-01"));

        var rule = Rule(result, "region");
        Assert.Equal(RuleVerdict.Fail, rule.Verdict);
        Assert.Contains("Tanger-Tétouan-Al Hoceïma", rule.MessageFr, StringComparison.Ordinal);
        Assert.Contains("طنجة تطوان الحسيمة", rule.MessageAr, StringComparison.Ordinal);
        Assert.Equal(RuleVerdict.Pass, Rule(EligibilityRules.Evaluate(edition, Facts(region: "MA-08")), "region").Verdict);
    }

    [Fact]
    public void An_edition_without_a_region_list_is_open_to_all_twelve_regions()
    {
        var edition = Edition() with { Regions = [] };

        foreach (var region in global::Mouazara.Kernel.Regions.All.Keys)
        {
            Assert.Equal(RuleVerdict.Pass, Rule(EligibilityRules.Evaluate(edition, Facts(region: region)), "region").Verdict);
        }
    }

    [Fact]
    public void A_sector_outside_the_edition_fails_naming_the_sector()
    {
        var edition = Edition() with { Sectors = ["agriculture"] };

        var rule = Rule(EligibilityRules.Evaluate(edition, Facts(sector: "health")), "sector");

        Assert.Equal(RuleVerdict.Fail, rule.Verdict);
        Assert.Contains("Santé", rule.MessageFr, StringComparison.Ordinal);
        Assert.Contains("الصحة", rule.MessageAr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_structure_founded_the_day_the_call_opens_or_later_fails_with_both_dates()
    {
        var edition = Edition();

        var onTheDay = Rule(EligibilityRules.Evaluate(edition, Facts(founded: edition.OpensOn)), "founded-before-call");
        var after = Rule(EligibilityRules.Evaluate(edition, Facts(founded: new DateOnly(2026, 2, 3))), "founded-before-call");
        var before = Rule(EligibilityRules.Evaluate(edition, Facts(founded: edition.OpensOn.AddDays(-1))), "founded-before-call");

        Assert.Equal(RuleVerdict.Fail, onTheDay.Verdict);
        Assert.Equal(RuleVerdict.Fail, after.Verdict);
        Assert.Contains("03/02/2026", after.MessageFr, StringComparison.Ordinal);
        Assert.Contains("01/01/2026", after.MessageFr, StringComparison.Ordinal);
        Assert.Contains("2026-02-03", after.MessageAr, StringComparison.Ordinal);
        Assert.Equal(RuleVerdict.Pass, before.Verdict);
    }

    [Fact]
    public void A_missing_founding_date_sends_the_application_to_staff_as_unclear()
    {
        var result = EligibilityRules.Evaluate(Edition(), Facts(noFoundingDate: true));

        Assert.Equal(RuleVerdict.Unclear, Rule(result, "founded-before-call").Verdict);
        Assert.Equal(EligibilityResult.UnclearOutcome, result.Outcome);
        Assert.Null(result.Eligible);
    }

    [Fact]
    public void A_failure_outweighs_an_unclear_rule()
    {
        var result = EligibilityRules.Evaluate(Edition(), Facts(requested: 60_000m, budget: 70_000m, noFoundingDate: true));

        Assert.Equal(EligibilityResult.IneligibleOutcome, result.Outcome);
        Assert.False(result.Eligible);
    }

    [Fact]
    public void Several_failures_are_all_reported()
    {
        var edition = Edition() with { Sectors = ["agriculture"], Regions = ["MA-02"] };

        var result = EligibilityRules.Evaluate(edition, Facts(requested: 50_000m, budget: 40_000m));

        Assert.Equal(["region", "sector", "amount-cap", "within-budget"], result.Rules.Where(r => r.Verdict == RuleVerdict.Fail).Select(r => r.Rule));
    }

    [Fact]
    public void A_cooperative_of_a_partner_region_passes_the_funder_rule_naming_its_regional_council()
    {
        var result = EligibilityRules.Evaluate(Funded(), Facts(type: "cooperative", region: "MA-02"));

        var rule = Rule(result, "funder");
        Assert.Equal(RuleVerdict.Pass, rule.Verdict);
        Assert.Equal("Le projet peut être financé par : Conseil de la Région de l'Oriental.", rule.MessageFr);
        Assert.Equal("يمكن تمويل المشروع من طرف: مجلس جهة الشرق.", rule.MessageAr);
        Assert.True(result.Eligible);
    }

    [Fact]
    public void An_association_of_any_region_passes_the_funder_rule_naming_the_ministry()
    {
        foreach (var region in global::Mouazara.Kernel.Regions.All.Keys)
        {
            var rule = Rule(EligibilityRules.Evaluate(Funded(), Facts(type: "association", region: region)), "funder");

            Assert.Equal(RuleVerdict.Pass, rule.Verdict);
            Assert.Contains("Secrétariat d'État chargé de l'Économie sociale et solidaire", rule.MessageFr, StringComparison.Ordinal);
            Assert.DoesNotContain("Conseil", rule.MessageFr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_cooperative_outside_the_partner_regions_fails_the_funder_rule_naming_its_type_and_region()
    {
        var result = EligibilityRules.Evaluate(Funded(), Facts(type: "cooperative", region: "MA-09"));

        var rule = Rule(result, "funder");
        Assert.Equal(RuleVerdict.Fail, rule.Verdict);
        Assert.Equal(EligibilityResult.IneligibleOutcome, result.Outcome);
        Assert.False(result.Eligible);
        Assert.Equal("Aucun partenaire financier de cette édition ne finance les porteurs de type « Coopérative » de la région Souss-Massa.", rule.MessageFr);
        Assert.Equal("لا يمول أي من الشركاء الماليين لهذه الدورة حاملي المشاريع من نوع «تعاونية» بجهة سوس ماسة.", rule.MessageAr);
        Assert.All(result.Rules.Where(r => r.Rule != "funder"), r => Assert.Equal(RuleVerdict.Pass, r.Verdict));
    }

    [Fact]
    public void With_funders_the_funder_rule_follows_the_region_rule()
    {
        var result = EligibilityRules.Evaluate(Funded(), Facts());

        Assert.Equal(["applicant-type", "region", "funder", "sector", "amount-cap", "within-budget", "founded-before-call"], result.Rules.Select(r => r.Rule));
        Assert.All(result.Rules, r =>
        {
            Assert.True(IsArabic(r.MessageAr), r.MessageAr);
            Assert.False(IsArabic(r.MessageFr), r.MessageFr);
        });
    }

    [Fact]
    public void An_edition_without_funders_does_not_apply_the_funder_rule_so_a_cooperative_anywhere_stays_eligible()
    {
        var result = EligibilityRules.Evaluate(Edition(), Facts(type: "cooperative", region: "MA-09"));

        Assert.DoesNotContain(result.Rules, r => r.Rule == "funder");
        Assert.True(result.Eligible);
    }

    [Fact]
    public void When_two_funders_could_pay_both_are_named_as_alternatives()
    {
        var edition = Funded();
        edition = edition with
        {
            Funders = [.. edition.Funders, new() { Id = "region-fes-meknes", Name = new("مجلس جهة فاس مكناس", "Conseil de la Région Fès-Meknès"), Envelope = 500_000m, ApplicantTypes = ["cooperative", "association"], Regions = ["MA-03"] }],
        };

        var rule = Rule(EligibilityRules.Evaluate(edition, Facts(type: "association", region: "MA-03")), "funder");

        Assert.Equal("Le projet peut être financé par : Secrétariat d'État chargé de l'Économie sociale et solidaire ou Conseil de la Région Fès-Meknès.", rule.MessageFr);
        Assert.Equal("يمكن تمويل المشروع من طرف: كتابة الدولة المكلفة بالاقتصاد الاجتماعي والتضامني أو مجلس جهة فاس مكناس.", rule.MessageAr);
    }

    [Fact]
    public void The_generic_samples_seeded_with_the_demo_edition_pass_every_rule_including_the_funder_rule()
    {
        var root = global::Mouazara.Local.Configuration.LocalSettings.FindRepoRoot();
        var demo = JsonSerializer.Deserialize<Edition>(File.ReadAllBytes(Path.Combine(root, "editions", "demo.json")), Json.Options)!;
        var samples = Directory.GetFiles(Path.Combine(root, "samples", "generic"), "*.json");
        Assert.NotEmpty(samples);

        foreach (var file in samples)
        {
            var sample = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
            var applicant = sample["applicant"]!;
            var project = sample["project"]!;
            var facts = new EligibilityFacts(
                applicant["type"]!.GetValue<string>(), applicant["region"]!.GetValue<string>(), project["sector"]!.GetValue<string>(),
                project["requestedAmount"]!.GetValue<decimal>(), project["totalBudget"]!.GetValue<decimal>(),
                DateOnly.Parse(applicant["foundedOn"]!.GetValue<string>(), CultureInfo.InvariantCulture));

            var result = EligibilityRules.Evaluate(demo, facts);

            Assert.True(result.Eligible, Path.GetFileName(file) + ": " + string.Join(" ", result.Rules.Where(r => r.Verdict != RuleVerdict.Pass).Select(r => r.MessageFr)));
            Assert.Equal(RuleVerdict.Pass, Rule(result, "funder").Verdict);
        }
    }
}
