using System.Globalization;
using Mouazara.Kernel;

namespace Mouazara.Texts;

/// <summary>The eligibility rules' verdicts as applicants and staff read them, in Arabic and French.</summary>
public static class EligibilityTexts
{
    static readonly CultureInfo Ar = CultureInfo.GetCultureInfo("ar-MA");
    static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-MA");

    static string MadAr(decimal amount) => amount.ToString("N2", Ar) + " درهم";

    static string MadFr(decimal amount) => amount.ToString("N2", Fr) + " MAD";

    public static readonly Bilingual ApplicantTypeAdmitted = new("نوع حامل المشروع مقبول في هذه الدورة.", "Ce type de porteur est admis dans cette édition.");

    public static Bilingual ApplicantTypeOnly(IReadOnlyList<Bilingual> allowed) => new(
        "هذه الدورة مفتوحة فقط لـ: " + string.Join("، ", allowed.Select(t => t.Ar)) + ".",
        "Cette édition est ouverte uniquement aux : " + string.Join(", ", allowed.Select(t => t.Fr)) + ".");

    public static readonly Bilingual RegionCovered = new("الجهة مشمولة بهذه الدورة.", "La région est couverte par cette édition.");

    public static Bilingual RegionNotCovered(Bilingual region) => new(
        "جهة " + region.Ar + " غير مشمولة بهذه الدورة.", "La région " + region.Fr + " n'est pas couverte par cette édition.");

    /// <summary>The funders that may pay the award; an award is paid by one of them.</summary>
    public static Bilingual FundedBy(IReadOnlyList<Bilingual> funders) => new(
        "يمكن تمويل المشروع من طرف: " + Either(funders.Select(f => f.Ar).ToList(), "، ", " أو ") + ".",
        "Le projet peut être financé par : " + Either(funders.Select(f => f.Fr).ToList(), ", ", " ou ") + ".");

    public static Bilingual NoFunder(Bilingual applicantType, Bilingual region) => new(
        "لا يمول أي من الشركاء الماليين لهذه الدورة حاملي المشاريع من نوع «" + applicantType.Ar + "» بجهة " + region.Ar + ".",
        "Aucun partenaire financier de cette édition ne finance les porteurs de type « " + applicantType.Fr + " » de la région " + region.Fr + ".");

    /// <summary>"A", "A ou B", "A, B ou C".</summary>
    static string Either(IReadOnlyList<string> items, string comma, string or) =>
        items.Count < 2 ? string.Concat(items) : string.Join(comma, items.Take(items.Count - 1)) + or + items[^1];

    public static readonly Bilingual SectorCovered = new("قطاع المشروع مشمول بهذه الدورة.", "Le secteur du projet est couvert par cette édition.");

    public static Bilingual SectorNotCovered(Bilingual sector) => new(
        "قطاع «" + sector.Ar + "» غير مشمول بهذه الدورة.", "Le secteur « " + sector.Fr + " » n'est pas couvert par cette édition.");

    public static Bilingual WithinCap(decimal cap) => new(
        "المبلغ المطلوب لا يتجاوز السقف (" + MadAr(cap) + ").", "Le montant demandé ne dépasse pas le plafond (" + MadFr(cap) + ").");

    public static Bilingual AboveCap(decimal requested, decimal cap) => new(
        "المبلغ المطلوب (" + MadAr(requested) + ") يتجاوز السقف المحدد في " + MadAr(cap) + ".",
        "Le montant demandé (" + MadFr(requested) + ") dépasse le plafond de " + MadFr(cap) + ".");

    public static readonly Bilingual WithinBudget = new("المبلغ المطلوب لا يتجاوز الميزانية الإجمالية للمشروع.", "Le montant demandé ne dépasse pas le budget total du projet.");

    public static Bilingual AboveBudget(decimal totalBudget) => new(
        "المبلغ المطلوب يتجاوز الميزانية الإجمالية للمشروع (" + MadAr(totalBudget) + ").",
        "Le montant demandé dépasse le budget total du projet (" + MadFr(totalBudget) + ").");

    public static readonly Bilingual FoundingDateMissing = new("تاريخ التأسيس غير مذكور؛ ستتحقق منه المصالح المختصة.", "La date de création n'est pas indiquée ; les services la vérifieront.");

    public static readonly Bilingual FoundedBeforeCall = new("الهيئة مؤسسة قبل افتتاح طلب المشاريع.", "La structure a été créée avant l'ouverture de l'appel.");

    public static Bilingual FoundedAfterCall(DateOnly founded, DateOnly opensOn) => new(
        "تأسست الهيئة بتاريخ " + founded.ToString("yyyy-MM-dd", Ar) + "، بعد افتتاح طلب المشاريع في " + opensOn.ToString("yyyy-MM-dd", Ar) + ".",
        "La structure a été créée le " + founded.ToString("dd/MM/yyyy", Fr) + ", après l'ouverture de l'appel le " + opensOn.ToString("dd/MM/yyyy", Fr) + ".");

    public static Bilingual StaffVerified(string reason) => new("تحققت المصالح المختصة من الملف: " + reason, "Dossier vérifié par les services : " + reason);

    public static Bilingual StaffRefused(string reason) => new("قرار المصالح المختصة: " + reason, "Décision des services : " + reason);
}
