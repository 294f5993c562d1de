using System.Collections.Frozen;

namespace Mouazara.Kernel;

/// <summary>Where an application stands; codes in the API, labels for people.</summary>
public static class Statuses
{
    public const string Received = "received";
    public const string AwaitingDocuments = "awaiting-documents";
    public const string CheckingEligibility = "checking-eligibility";
    public const string AwaitingStaffReview = "awaiting-staff-review";
    public const string Ineligible = "ineligible";
    public const string Incomplete = "incomplete";
    public const string InEvaluation = "in-evaluation";
    public const string Shortlisted = "shortlisted";
    public const string Waitlisted = "waitlisted";
    public const string NotSelected = "not-selected";
    public const string Selected = "selected";
    public const string AwaitingSignature = "awaiting-signature";
    public const string AwardLapsed = "award-lapsed";
    public const string Disbursing = "disbursing";
    public const string Closed = "closed";
    public const string Withdrawn = "withdrawn";

    public static readonly FrozenDictionary<string, Bilingual> All = new Dictionary<string, Bilingual>
    {
        [Received] = new("تم الاستلام", "Reçue"),
        [AwaitingDocuments] = new("في انتظار الوثائق", "En attente de documents"),
        [CheckingEligibility] = new("دراسة الأهلية", "Vérification de l'éligibilité"),
        [AwaitingStaffReview] = new("قيد المراجعة من طرف المصالح", "En cours d'examen par les services"),
        [Ineligible] = new("غير مؤهل", "Non éligible"),
        [Incomplete] = new("ملف غير مكتمل", "Dossier incomplet"),
        [InEvaluation] = new("قيد التقييم من طرف اللجنة", "En évaluation par le comité"),
        [Shortlisted] = new("مقبول من طرف اللجنة، في انتظار الانتقاء", "Présélectionnée, en attente de la sélection"),
        [Waitlisted] = new("في لائحة الانتظار", "Sur liste d'attente"),
        [NotSelected] = new("لم يتم الانتقاء", "Non retenue"),
        [Selected] = new("تم الانتقاء", "Retenue"),
        [AwaitingSignature] = new("في انتظار توقيع اتفاقية التمويل", "En attente de la convention signée"),
        [AwardLapsed] = new("سقط الدعم لعدم توقيع الاتفاقية", "Subvention caduque faute de convention signée"),
        [Disbursing] = new("في طور صرف الدعم", "Versement en cours"),
        [Closed] = new("مغلق", "Clôturée"),
        [Withdrawn] = new("تم سحب الطلب", "Retirée"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Statuses after which nothing more happens to the application.</summary>
    public static bool IsFinal(string status) => status is Ineligible or Incomplete or NotSelected or Closed or Withdrawn or AwardLapsed;
}
