using Mouazara.Kernel;

namespace Mouazara.Texts;

/// <summary>
/// Every word of the pages applicants and committee members open from their emails, in Arabic and French, in one
/// place for translators (the emails' words are in <see cref="Templates"/>). Codes and field names stay in the pages.
/// </summary>
public static class PageTexts
{
    /// <summary>Shared by every page: the header, refusals, the way back to the status page.</summary>
    public static class Shell
    {
        public static readonly Bilingual ProgrammeName = new("برنامج مؤازرة", "Programme Mouazara");
        public static readonly Bilingual OperationImpossible = new("تعذر إتمام العملية", "Opération impossible");
        public static readonly Bilingual TrackApplication = new("تتبع الطلب", "Suivre ma demande");
        public static readonly Bilingual InvalidLinkTitle = new("رابط غير صالح", "Lien invalide");
        public static readonly Bilingual InvalidLink = new("هذا الرابط غير صالح أو منتهي الصلاحية.", "Ce lien n'est pas valide ou a expiré.");
        public static readonly Bilingual Yes = new("نعم", "Oui");
        public static readonly Bilingual No = new("لا", "Non");
    }

    /// <summary>The applicant's status page.</summary>
    public static class Status
    {
        public static readonly Bilingual Title = new("تتبع طلب الدعم", "Suivi de votre demande");
        public static readonly Bilingual ApplicationNumber = new("رقم الطلب", "N° de demande");
        public static readonly Bilingual Project = new("المشروع", "Projet");
        public static readonly Bilingual State = new("الوضعية", "État");
        public static readonly Bilingual Deadline = new("الأجل", "Échéance");
        public static readonly Bilingual MissingDocuments = new("وثائق ناقصة (روابط الإرسال في بريدكم الإلكتروني):", "Documents manquants (liens d'envoi dans votre courriel) :");
        public static readonly Bilingual Steps = new("المراحل", "Étapes");
    }

    /// <summary>The upload page of a signed link and its refusals.</summary>
    public static class Upload
    {
        public static readonly Bilingual ApplicationNumber = new("الطلب رقم", "Demande n°");
        public static readonly Bilingual FileField = new("الملف (PDF أو JPEG أو PNG، 10 ميغابايت كحد أقصى)", "Fichier (PDF, JPEG ou PNG, 10 Mo au plus)");
        public static readonly Bilingual Send = new("إرسال", "Envoyer");
        public static readonly Bilingual AgreementToSign = new("تحميل اتفاقية التمويل لطبعها وتوقيعها", "Télécharger la convention de financement à imprimer et signer");
        public static readonly Bilingual ThenReturnSigned = new("ثم أرسلوا هنا نسخة ممسوحة من الاتفاقية الموقعة.", "Puis envoyez ici une copie numérisée de la convention signée.");
        public static readonly Bilingual ReceivedTitle = new("تم استلام الوثيقة", "Document reçu");
        public static readonly Bilingual ThanksReceived = new("شكرا، تم استلام: ", "Merci, nous avons bien reçu : ");
        public static readonly Bilingual EmailAtEachStep = new("ستتوصلون برسالة عند كل مرحلة جديدة.", "Vous recevrez un courriel à chaque nouvelle étape.");
        public static readonly Bilingual TooLarge = new("الملف كبير جدا: 10 ميغابايت كحد أقصى.", "Le fichier est trop volumineux : 10 Mo au plus.");
        public static readonly Bilingual NoFile = new("لم يتم إرسال أي ملف.", "Aucun fichier n'a été envoyé.");
        public static readonly Bilingual Empty = new("الملف فارغ.", "Le fichier est vide.");
        public static readonly Bilingual NotAccepted = new("نوع الملف غير مقبول: PDF أو JPEG أو PNG فقط.", "Type de fichier refusé : PDF, JPEG ou PNG uniquement.");
        public static readonly Bilingual Mismatch = new("محتوى الملف لا يطابق نوعه المعلن.", "Le contenu du fichier ne correspond pas à son type.");
        public static readonly Bilingual ApplicationNotFound = new("هذا الطلب غير موجود.", "Cette demande n'existe pas.");
        public static readonly Bilingual TooManyUploads = new("تم إرسال هذه الوثيقة مرات عديدة. المرجو الاتصال بمصالح البرنامج.",
            "Ce document a déjà été envoyé trop de fois. Merci de contacter les services du programme.");
        public static readonly Bilingual NotAwaiting = new("لم يعد هذا الطلب في انتظار هذه الوثيقة.", "Cette demande n'attend plus ce document.");
    }

    /// <summary>The report form of a report's upload link: figures, a short narrative and the file.</summary>
    public static class Report
    {
        public static readonly Bilingual Intro = new("المرجو ملء الأرقام التالية وإرفاق التقرير.", "Merci de renseigner les chiffres ci-dessous et de joindre le rapport.");
        public static readonly Bilingual Number = new("التقرير رقم", "Rapport n°");
        public static readonly Bilingual ForTranche = new("لصرف الدفعة رقم", "pour la tranche");
        public static readonly Bilingual JobsCreated = new("مناصب الشغل المحدثة", "Emplois créés");
        public static readonly Bilingual JobsMaintained = new("مناصب الشغل المحافظ عليها", "Emplois maintenus");
        public static readonly Bilingual Beneficiaries = new("عدد المستفيدين", "Bénéficiaires");
        public static readonly Bilingual BeneficiariesWomen = new("منهم نساء", "dont femmes");
        public static readonly Bilingual AmountSpent = new("المبلغ المصروف إلى حدود اليوم (درهم)", "Montant dépensé à ce jour (MAD)");
        public static readonly Bilingual Narrative = new("ملخص سير المشروع (2000 حرف كحد أقصى)", "Récit de l'avancement (2000 caractères au plus)");
        public static readonly Bilingual Send = new("إرسال التقرير", "Envoyer le rapport");
        public static readonly Bilingual ReceivedTitle = new("تم استلام التقرير", "Rapport reçu");
        public static readonly Bilingual Received = new("شكرا، تم استلام تقريركم (الصيغة رقم {0}). ستتوصلون برسالة بعد دراسته من طرف مصالح البرنامج.",
            "Merci, votre rapport est bien reçu (version {0}). Vous recevrez un courriel après son examen par les services du programme.");
        public static readonly Bilingual FixErrors = new("المرجو تصحيح الأخطاء أسفله.", "Merci de corriger les erreurs ci-dessous.");
        public static readonly Bilingual NotAwaited = new("هذا التقرير في طور الدراسة أو تم قبوله؛ لا ينتظر صيغة جديدة.", "Ce rapport est en cours d'examen ou déjà accepté ; il n'attend pas de nouvelle version.");
        public static readonly Bilingual NotRequested = new("لم يطلب هذا التقرير.", "Ce rapport n'a pas été demandé.");
        public static readonly Bilingual WholeNumber = new("أدخلوا عددا صحيحا بين 0 و1000000.", "Saisissez un nombre entier entre 0 et 1 000 000.");
        public static readonly Bilingual WomenAtMost = new("لا يمكن أن يتجاوز عدد النساء عدد المستفيدين.", "Le nombre de femmes ne peut dépasser celui des bénéficiaires.");
        public static readonly Bilingual Amount = new("أدخلوا مبلغا موجبا بدرهم، بسنتيمين على الأكثر (مثال: 12500.50).", "Saisissez un montant positif en MAD, à deux décimales au plus (ex. 12500,50).");
        public static readonly Bilingual NarrativeLength = new("الملخص إجباري، في 2000 حرف على الأكثر.", "Le récit est obligatoire, en 2000 caractères au plus.");
    }

    /// <summary>A committee member's review page.</summary>
    public static class Review
    {
        public static readonly Bilingual Title = new("تقييم مشروع", "Évaluation d'un projet");
        public static readonly Bilingual Dear = new("السيد(ة) ", "Madame, Monsieur ");
        public static readonly Bilingual ApplicationNumber = new("رقم الطلب", "N° de demande");
        public static readonly Bilingual Project = new("المشروع", "Projet");
        public static readonly Bilingual Applicant = new("حامل المشروع", "Porteur");
        public static readonly Bilingual Region = new("الجهة", "Région");
        public static readonly Bilingual Rural = new(" (قروي)", " (rural)");
        public static readonly Bilingual Sector = new("القطاع", "Secteur");
        public static readonly Bilingual RequestedAmount = new("المبلغ المطلوب", "Montant demandé");
        public static readonly Bilingual TotalBudget = new("الميزانية الإجمالية", "Budget total");
        public static readonly Bilingual WomenLed = new("مشروع نسائي", "Porté par des femmes");
        public static readonly Bilingual YouthLed = new("مشروع شبابي", "Porté par des jeunes");
        public static readonly Bilingual Jobs = new("مناصب الشغل المحدثة / المحافظ عليها", "Emplois créés / maintenus");
        public static readonly Bilingual Summary = new("ملخص المشروع", "Résumé du projet");
        public static readonly Bilingual Documents = new("الوثائق", "Documents");
        public static readonly Bilingual NoDocuments = new("لا توجد وثائق في هذا الملف.", "Aucun document dans ce dossier.");
        public static readonly Bilingual DocumentLinksExpire = new(
            "روابط التحميل صالحة لبضع دقائق فقط؛ أعيدوا فتح هذه الصفحة للحصول على روابط جديدة.",
            "Les liens de téléchargement ne sont valables que quelques minutes ; rouvrez cette page pour en obtenir de nouveaux.");
        public static readonly Bilingual VoteRecorded = new("تم تسجيل تقييمكم: ", "Votre évaluation est enregistrée : ");
        public static readonly Bilingual Separator = new("، ", ", ");
        public static readonly Bilingual Favourable = new("موافقة", "favorable");
        public static readonly Bilingual Unfavourable = new("رفض", "défavorable");
        public static readonly Bilingual Closed = new("انتهى أجل التقييم.", "L'évaluation est close.");
        public static readonly Bilingual Scoring = new("التنقيط", "Notation");
        public static readonly Bilingual Recommendation = new("التوصية", "Recommandation");
        public static readonly Bilingual Approve = new("موافقة", "Favorable");
        public static readonly Bilingual Reject = new("رفض", "Défavorable");
        public static readonly Bilingual Comment = new("ملاحظات", "Commentaire");
        public static readonly Bilingual Save = new("تسجيل التقييم", "Enregistrer mon évaluation");
        public static readonly Bilingual IncompleteTitle = new("تقييم غير مكتمل", "Évaluation incomplète");
        public static readonly Bilingual Incomplete = new("المرجو ملء جميع الخانات بقيم صحيحة.", "Merci de remplir toutes les notes avec des valeurs valides.");
        public static readonly Bilingual ClosedTitle = new("انتهى أجل التقييم", "Évaluation close");
        public static readonly Bilingual AlreadyRecordedTitle = new("تم تسجيل تقييمكم سابقا", "Évaluation déjà enregistrée");
        public static readonly Bilingual OnlyOnce = new("لا يمكن التقييم مرتين.", "Une seule évaluation est possible par membre.");
        public static readonly Bilingual Thanks = new("شكرا، تم تسجيل تقييمكم", "Merci, votre évaluation est enregistrée");
        public static readonly Bilingual Eligibility = new("نتيجة فحص الأهلية", "Résultat du contrôle d'éligibilité");
        public static readonly Bilingual NoEligibility = new("لم يتم فحص الأهلية بعد.", "L'éligibilité n'a pas encore été contrôlée.");
        public static readonly Bilingual Eligible = new("الطلب مؤهل", "Demande éligible");
        public static readonly Bilingual Ineligible = new("الطلب غير مؤهل", "Demande non éligible");
        public static readonly Bilingual EligibilityUnclear = new("الأهلية في انتظار تحقق المصالح", "Éligibilité à vérifier par l'équipe du programme");
        public static readonly Bilingual VerdictPass = new("مستوفى", "Conforme");
        public static readonly Bilingual VerdictFail = new("غير مستوفى", "Non conforme");
        public static readonly Bilingual VerdictUnclear = new("يحتاج إلى تحقق", "À vérifier");
        public static readonly Bilingual CommentRequired = new(
            "التعليل إلزامي لكل معيار تقل نقطته عن نصف النقطة القصوى.",
            "Une justification est obligatoire pour tout critère noté en dessous de la moitié de son maximum.");
        public static readonly Bilingual CommentTooLong = new("التعليل لا يتجاوز 1000 حرف.", "La justification ne dépasse pas 1000 caractères.");

        /// <summary>The label of a criterion's own comment box; <paramref name="lowest"/> is the highest score that still needs one.</summary>
        public static Bilingual CriterionComment(int lowest) => new(
            $"تعليل النقطة (إلزامي إذا كانت النقطة {lowest} أو أقل)", $"Justification de la note (obligatoire pour une note de {lowest} ou moins)");
    }
}
