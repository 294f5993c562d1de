using System.Collections.Frozen;

namespace Mouazara.Kernel;

public static class DocumentTypes
{
    public const string Statutes = "statutes";
    public const string LegalRegistration = "legal-registration";
    public const string BoardMinutes = "board-minutes";
    public const string BankCertificate = "bank-certificate";
    public const string Budget = "budget";
    public const string ProjectDescription = "project-description";
    public const string SignedAgreement = "signed-agreement";
    public const string Agreement = "agreement";
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
        [Agreement] = new("اتفاقية التمويل", "Convention de financement"),
        [ProgressReport] = new("تقرير مرحلي", "Rapport d'avancement"),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
