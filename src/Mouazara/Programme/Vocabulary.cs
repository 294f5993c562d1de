using System.Collections.Frozen;

namespace Mouazara.Programme;

/// <summary>Who may apply.</summary>
public static class ApplicantTypes
{
    public const string Association = "association";
    public const string Network = "network";
    public const string Cooperative = "cooperative";

    public static readonly FrozenDictionary<string, Bilingual> All = new Dictionary<string, Bilingual>
    {
        [Association] = new("جمعية", "Association"),
        [Network] = new("شبكة جمعيات", "Réseau d'associations"),
        [Cooperative] = new("تعاونية", "Coopérative"),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}

public static class Sectors
{
    public static readonly FrozenDictionary<string, Bilingual> All = new Dictionary<string, Bilingual>
    {
        ["handicrafts"] = new("الصناعة التقليدية", "Artisanat"),
        ["solidarity-tourism"] = new("السياحة التضامنية", "Tourisme solidaire"),
        ["agriculture"] = new("الفلاحة", "Agriculture"),
        ["agri-food"] = new("الصناعات الغذائية", "Agroalimentaire"),
        ["cultural-entrepreneurship"] = new("المقاولة الثقافية", "Entrepreneuriat culturel"),
        ["health"] = new("الصحة", "Santé"),
        ["education"] = new("التعليم", "Éducation"),
        ["renewable-energy"] = new("الطاقات المتجددة", "Énergies renouvelables"),
        ["services"] = new("الخدمات", "Services"),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}

public static class DocumentTypes
{
    public const string Statutes = "statutes";
    public const string LegalRegistration = "legal-registration";
    public const string BoardMinutes = "board-minutes";
    public const string BankCertificate = "bank-certificate";
    public const string Budget = "budget";
    public const string ProjectDescription = "project-description";
    public const string SignedAgreement = "signed-agreement";
    public const string ProgressReport = "progress-report";

    public static readonly FrozenDictionary<string, Bilingual> All = new Dictionary<string, Bilingual>
    {
        [Statutes] = new("النظام الأساسي", "Statuts"),
        [LegalRegistration] = new("الوصل النهائي أو شهادة التسجيل", "Récépissé définitif ou immatriculation"),
        [BoardMinutes] = new("محضر آخر جمع عام ولائحة أعضاء المكتب", "PV de la dernière assemblée générale et liste du bureau"),
        [BankCertificate] = new("شهادة بنكية", "Attestation bancaire"),
        [Budget] = new("الميزانية التقديرية", "Budget prévisionnel"),
        [ProjectDescription] = new("بطاقة وصف المشروع", "Fiche descriptive du projet"),
        [SignedAgreement] = new("الاتفاقية الموقعة", "Convention signée"),
        [ProgressReport] = new("تقرير مرحلي", "Rapport d'avancement"),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}

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
    public const string NotSelected = "not-selected";
    public const string Selected = "selected";
    public const string Disbursing = "disbursing";
    public const string Closed = "closed";

    public static readonly FrozenDictionary<string, Bilingual> All = new Dictionary<string, Bilingual>
    {
        [Received] = new("تم الاستلام", "Reçue"),
        [AwaitingDocuments] = new("في انتظار الوثائق", "En attente de documents"),
        [CheckingEligibility] = new("دراسة الأهلية", "Vérification de l'éligibilité"),
        [AwaitingStaffReview] = new("قيد المراجعة من طرف المصالح", "En cours d'examen par les services"),
        [Ineligible] = new("غير مؤهل", "Non éligible"),
        [Incomplete] = new("ملف غير مكتمل", "Dossier incomplet"),
        [InEvaluation] = new("قيد التقييم من طرف اللجنة", "En évaluation par le comité"),
        [NotSelected] = new("لم يتم الانتقاء", "Non retenue"),
        [Selected] = new("تم الانتقاء", "Retenue"),
        [Disbursing] = new("في طور صرف الدعم", "Versement en cours"),
        [Closed] = new("مغلق", "Clôturée"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Statuses after which nothing more happens to the application.</summary>
    public static bool IsFinal(string status) => status is Ineligible or Incomplete or NotSelected or Closed;
}
