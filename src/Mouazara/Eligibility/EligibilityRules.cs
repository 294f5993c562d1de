using System.Globalization;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Eligibility;

/// <summary>
/// The edition's eligibility rules. Each gives its verdict with a reason in Arabic and French; any failure
/// makes the application ineligible, and a rule that cannot be decided from the data sends it to staff.
/// </summary>
public static class EligibilityRules
{
    public static EligibilityResult Evaluate(Edition edition, EligibilityFacts facts)
    {
        var ar = CultureInfo.GetCultureInfo("ar-MA");
        var fr = CultureInfo.GetCultureInfo("fr-MA");
        string Mad(decimal amount, CultureInfo culture) => amount.ToString("N2", culture) + (culture == ar ? " درهم" : " MAD");
        var allowedTypes = edition.ApplicantTypes.Select(Label(ApplicantTypes.All)).ToList();
        var region = Label(Regions.All)(facts.Region);
        var sector = Label(Sectors.All)(facts.Sector);

        List<RuleResult> rules =
        [
            edition.ApplicantTypes.Contains(facts.ApplicantType)
                ? Pass("applicant-type", "نوع حامل المشروع مقبول في هذه الدورة.", "Ce type de porteur est admis dans cette édition.")
                : Fail("applicant-type",
                    "هذه الدورة مفتوحة فقط لـ: " + string.Join("، ", allowedTypes.Select(t => t.Ar)) + ".",
                    "Cette édition est ouverte uniquement aux : " + string.Join(", ", allowedTypes.Select(t => t.Fr)) + "."),

            edition.Regions.Count == 0 || edition.Regions.Contains(facts.Region)
                ? Pass("region", "الجهة مشمولة بهذه الدورة.", "La région est couverte par cette édition.")
                : Fail("region", "جهة " + region.Ar + " غير مشمولة بهذه الدورة.",
                    "La région " + region.Fr + " n'est pas couverte par cette édition."),

            edition.Sectors.Contains(facts.Sector)
                ? Pass("sector", "قطاع المشروع مشمول بهذه الدورة.", "Le secteur du projet est couvert par cette édition.")
                : Fail("sector", "قطاع «" + sector.Ar + "» غير مشمول بهذه الدورة.",
                    "Le secteur « " + sector.Fr + " » n'est pas couvert par cette édition."),

            facts.RequestedAmount <= edition.Cap
                ? Pass("amount-cap", "المبلغ المطلوب لا يتجاوز السقف (" + Mad(edition.Cap, ar) + ").",
                    "Le montant demandé ne dépasse pas le plafond (" + Mad(edition.Cap, fr) + ").")
                : Fail("amount-cap", "المبلغ المطلوب (" + Mad(facts.RequestedAmount, ar) + ") يتجاوز السقف المحدد في " + Mad(edition.Cap, ar) + ".",
                    "Le montant demandé (" + Mad(facts.RequestedAmount, fr) + ") dépasse le plafond de " + Mad(edition.Cap, fr) + "."),

            facts.RequestedAmount <= facts.TotalBudget
                ? Pass("within-budget", "المبلغ المطلوب لا يتجاوز الميزانية الإجمالية للمشروع.", "Le montant demandé ne dépasse pas le budget total du projet.")
                : Fail("within-budget", "المبلغ المطلوب يتجاوز الميزانية الإجمالية للمشروع (" + Mad(facts.TotalBudget, ar) + ").",
                    "Le montant demandé dépasse le budget total du projet (" + Mad(facts.TotalBudget, fr) + ")."),

            facts.FoundedOn switch
            {
                null => new RuleResult("founded-before-call", RuleVerdict.Unclear,
                    "تاريخ التأسيس غير مذكور؛ ستتحقق منه المصالح المختصة.", "La date de création n'est pas indiquée ; les services la vérifieront."),
                var founded when founded < edition.OpensOn => Pass("founded-before-call",
                    "الهيئة مؤسسة قبل افتتاح طلب المشاريع.", "La structure a été créée avant l'ouverture de l'appel."),
                var founded => Fail("founded-before-call",
                    "تأسست الهيئة بتاريخ " + founded.Value.ToString("yyyy-MM-dd", ar) + "، بعد افتتاح طلب المشاريع في " + edition.OpensOn.ToString("yyyy-MM-dd", ar) + ".",
                    "La structure a été créée le " + founded.Value.ToString("dd/MM/yyyy", fr) + ", après l'ouverture de l'appel le " + edition.OpensOn.ToString("dd/MM/yyyy", fr) + "."),
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

    /// <summary>The label of a code, or the code itself when a vocabulary does not know it.</summary>
    static Func<string, Bilingual> Label(IReadOnlyDictionary<string, Bilingual> vocabulary) =>
        code => vocabulary.TryGetValue(code, out var label) ? label : new Bilingual(code, code);

    static RuleResult Pass(string rule, string ar, string fr) => new(rule, RuleVerdict.Pass, ar, fr);

    static RuleResult Fail(string rule, string ar, string fr) => new(rule, RuleVerdict.Fail, ar, fr);
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
