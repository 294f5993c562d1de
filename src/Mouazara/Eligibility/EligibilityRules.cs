




using Mouazara.Editions;
using Mouazara.Kernel;
using Mouazara.Texts;

namespace Mouazara.Eligibility;

/// <summary>
/// The edition's eligibility rules. Each gives its verdict with a reason in Arabic and French; any failure
/// makes the application ineligible, and a rule that cannot be decided from the data sends it to staff.
/// </summary>
public static class EligibilityRules
{
    public static EligibilityResult Evaluate(Edition edition, EligibilityFacts facts)
    {
        var region = Label(Regions.All)(facts.Region);
        var sector = Label(Sectors.All)(facts.Sector);

        List<RuleResult> rules =
        [
            edition.ApplicantTypes.Contains(facts.ApplicantType)
                ? Pass("applicant-type", EligibilityTexts.ApplicantTypeAdmitted)
                : Fail("applicant-type", EligibilityTexts.ApplicantTypeOnly(edition.ApplicantTypes.Select(Label(ApplicantTypes.All)).ToList())),

            edition.Regions.Count == 0 || edition.Regions.Contains(facts.Region)
                ? Pass("region", EligibilityTexts.RegionCovered)
                : Fail("region", EligibilityTexts.RegionNotCovered(region)),

            .. FunderRule(edition, facts),

            edition.Sectors.Contains(facts.Sector)
                ? Pass("sector", EligibilityTexts.SectorCovered)
                : Fail("sector", EligibilityTexts.SectorNotCovered(sector)),

            facts.RequestedAmount <= edition.Cap
                ? Pass("amount-cap", EligibilityTexts.WithinCap(edition.Cap))
                : Fail("amount-cap", EligibilityTexts.AboveCap(facts.RequestedAmount, edition.Cap)),

            facts.RequestedAmount <= facts.TotalBudget
                ? Pass("within-budget", EligibilityTexts.WithinBudget)
                : Fail("within-budget", EligibilityTexts.AboveBudget(facts.TotalBudget)),

            facts.FoundedOn switch
            {
                null => Rule("founded-before-call", RuleVerdict.Unclear, EligibilityTexts.FoundingDateMissing),
                var founded when founded < edition.OpensOn => Pass("founded-before-call", EligibilityTexts.FoundedBeforeCall),
                var founded => Fail("founded-before-call", EligibilityTexts.FoundedAfterCall(founded.Value, edition.OpensOn)),
            },
        ];

        var outcome = rules.Any(r => r.Verdict == RuleVerdict.Fail) ? EligibilityResult.IneligibleOutcome
            : rules.Any(r => r.Verdict == RuleVerdict.Unclear) ? EligibilityResult.UnclearOutcome
            : EligibilityResult.EligibleOutcome;
        bool? eligible = outcome switch
        {
            EligibilityResult.EligibleOutcome => true,
            EligibilityResult.IneligibleOutcome => false,
            _ => null,
        };
        return new EligibilityResult(outcome, eligible, rules);
    }

    /// <summary>
    /// Someone must be able to pay the award: a funder of the edition for this applicant type and region. An edition
    /// configured before funders existed has none, and the rule does not apply to it.
    /// </summary>
    static IEnumerable<RuleResult> FunderRule(Edition edition, EligibilityFacts facts)
    {
        if (edition.Funders.Count == 0)
        {
            yield break;
        }

        var funders = edition.Funders.Where(f => f.Funds(facts.ApplicantType, facts.Region)).Select(f => f.Name).ToList();
        yield return funders.Count > 0
            ? Pass("funder", EligibilityTexts.FundedBy(funders))
            : Fail("funder", EligibilityTexts.NoFunder(Label(ApplicantTypes.All)(facts.ApplicantType), Label(Regions.All)(facts.Region)));
    }

    /// <summary>The label of a code, or the code itself when a vocabulary does not know it.</summary>
    static Func<string, Bilingual> Label(IReadOnlyDictionary<string, Bilingual> vocabulary) =>
        code => vocabulary.TryGetValue(code, out var label) ? label : new Bilingual(code, code);

    public static RuleResult Rule(string rule, RuleVerdict verdict, Bilingual message) => new(rule, verdict, message.Ar, message.Fr);

    static RuleResult Pass(string rule, Bilingual message) => Rule(rule, RuleVerdict.Pass, message);

    static RuleResult Fail(string rule, Bilingual message) => Rule(rule, RuleVerdict.Fail, message);
}

public enum RuleVerdict
{
    Pass,
    Fail,
    Unclear,
}

public sealed record RuleResult(string Rule, RuleVerdict Verdict, string MessageAr, string MessageFr);

public sealed record EligibilityResult(string Outcome, bool? Eligible, IReadOnlyList<RuleResult> Rules)
{
    public const string EligibleOutcome = "eligible";
    public const string IneligibleOutcome = "ineligible";
    public const string UnclearOutcome = "unclear";
}

public sealed record EligibilityFacts(string ApplicantType, string Region, string Sector, decimal RequestedAmount, decimal TotalBudget, DateOnly? FoundedOn);
