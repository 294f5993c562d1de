using System.Net;
using System.Text;
using Mouazara.Kernel;

namespace Mouazara.Texts;

/// <summary>
/// Every text the product emails, in Arabic and French. One language per email: the applicant's or the
/// committee member's. Kept together so that translators review one file.
/// </summary>
public static class Templates
{
    static readonly Bilingual Programme = new("برنامج مؤازرة", "Programme Mouazara");

    public static RenderedEmail Receipt(Language l, string applicationId, string projectTitle, Uri statusUrl) => Render(l,
        new("تم استلام طلبكم " + applicationId, "Votre demande " + applicationId + " est bien reçue"),
        [
            new("شكرا لكم. تم تسجيل طلب الدعم الخاص بمشروع «" + projectTitle + "» تحت الرقم " + applicationId + ".",
                "Merci. Votre demande de soutien pour le projet « " + projectTitle + " » est enregistrée sous le numéro " + applicationId + "."),
            new("يمكنكم تتبع وضعية طلبكم في أي وقت عبر الرابط أسفله.", "Vous pouvez suivre son état à tout moment par le lien ci-dessous."),
        ],
        [new(PageTexts.Shell.TrackApplication, statusUrl)]);

    public static RenderedEmail DocumentsRequest(Language l, string applicationId, DateTimeOffset deadline, IReadOnlyList<EmailLink> links, bool reminder) => Render(l,
        reminder
            ? new("تذكير: وثائق ناقصة في طلبكم " + applicationId, "Rappel : documents manquants pour votre demande " + applicationId)
            : new("وثائق ناقصة في طلبكم " + applicationId, "Documents manquants pour votre demande " + applicationId),
        [
            new("لاستكمال ملفكم، المرجو إرسال الوثائق التالية قبل " + CasablancaTime.Format(deadline, Language.Ar) + " (بتوقيت المغرب).",
                "Pour compléter votre dossier, merci d'envoyer les documents suivants avant le " + CasablancaTime.Format(deadline, Language.Fr) + " (heure du Maroc)."),
            new("بعد هذا الأجل، يعتبر الملف غير مكتمل.", "Passé ce délai, le dossier sera considéré comme incomplet."),
        ],
        links);

    public static RenderedEmail Incomplete(Language l, string applicationId) => Render(l,
        new("ملفكم " + applicationId + " غير مكتمل", "Votre dossier " + applicationId + " est incomplet"),
        [new("انقضى أجل إرسال الوثائق الناقصة، ولم يعد بالإمكان دراسة طلبكم في هذه الدورة.",
            "Le délai d'envoi des documents manquants est passé : votre demande ne peut plus être examinée pour cette édition.")],
        []);

    public static RenderedEmail Ineligible(Language l, string applicationId, IReadOnlyList<Bilingual> reasons) => Render(l,
        new("طلبكم " + applicationId + " غير مؤهل", "Votre demande " + applicationId + " n'est pas éligible"),
        [new("بعد دراسة ملفكم، تبين أنه لا يستوفي الشروط التالية:", "Après examen, votre dossier ne remplit pas les conditions suivantes :"), .. reasons],
        []);

    public static RenderedEmail ReviewTask(Language l, string memberName, string applicationId, string projectTitle, string region, string sector,
        string requested, DateTimeOffset deadline, Uri reviewUrl, bool reminder) => Render(l,
        reminder
            ? new("تذكير: تقييم المشروع " + applicationId, "Rappel : évaluation du projet " + applicationId)
            : new("مهمة تقييم: المشروع " + applicationId, "Évaluation demandée : projet " + applicationId),
        [
            new("السيد(ة) " + memberName + "،", "Madame, Monsieur " + memberName + ","),
            new("نرجو منكم تقييم المشروع «" + projectTitle + "» (" + region + "، " + sector + "، المبلغ المطلوب " + requested + ") قبل "
                + CasablancaTime.Format(deadline, Language.Ar) + ".",
                "Nous vous prions d'évaluer le projet « " + projectTitle + " » (" + region + ", " + sector + ", montant demandé " + requested + ") avant le "
                + CasablancaTime.Format(deadline, Language.Fr) + "."),
            new("هذا الرابط شخصي، لا تشاركوه.", "Ce lien vous est personnel : ne le transmettez pas."),
        ],
        [new(new("فتح صفحة التقييم", "Ouvrir la page d'évaluation"), reviewUrl)]);

    public static RenderedEmail Selected(Language l, string applicationId, string award, IReadOnlyList<string> tranches) => Render(l,
        new("تهانينا: تم انتقاء مشروعكم " + applicationId, "Félicitations : votre projet " + applicationId + " est retenu"),
        [
            new("قررت اللجنة دعم مشروعكم بمبلغ " + award + ".", "Le comité a décidé de soutenir votre projet à hauteur de " + award + "."),
            new("سيصرف الدعم على دفعات: " + string.Join("، ", tranches) + ".", "Le soutien sera versé en tranches : " + string.Join(", ", tranches) + "."),
        ],
        []);

    public static RenderedEmail NotSelected(Language l, string applicationId) => Render(l,
        new("نتيجة طلبكم " + applicationId, "Résultat de votre demande " + applicationId),
        [new("نأسف لإخباركم بأن مشروعكم لم يتم انتقاؤه في هذه الدورة. نشكركم على مشاركتكم.",
            "Nous regrettons de vous informer que votre projet n'a pas été retenu pour cette édition. Merci de votre participation.")],
        []);

    public static RenderedEmail Shortlisted(Language l, string applicationId, string score) => Render(l,
        new("قبول مشروعكم من طرف اللجنة " + applicationId, "Votre projet " + applicationId + " est présélectionné"),
        [
            new("أوصت لجنة التقييم بدعم مشروعكم (النقطة: " + score + "/100).", "Le comité d'évaluation a recommandé votre projet (note : " + score + "/100)."),
            new("يتم الانتقاء النهائي مرة واحدة لكل دورة بعد اختتام طلب المشاريع، في حدود الاعتمادات المتوفرة. سنخبركم بالنتيجة.",
                "La sélection finale a lieu une fois par édition, après la clôture de l'appel, dans la limite des crédits disponibles. Nous vous informerons du résultat."),
        ],
        []);

    public static RenderedEmail Waitlisted(Language l, string applicationId, int rank) => Render(l,
        new("طلبكم " + applicationId + " في لائحة الانتظار", "Votre demande " + applicationId + " est sur liste d'attente"),
        [
            new("لم تسمح الاعتمادات المتوفرة بانتقاء مشروعكم في هذه المرحلة، وقد تم تسجيله في لائحة الانتظار في الرتبة " + rank + ".",
                "Les crédits disponibles n'ont pas permis de retenir votre projet à ce stade ; il est inscrit sur la liste d'attente au rang " + rank + "."),
            new("إذا توفرت اعتمادات، سيتم إخباركم.", "Si des crédits se libèrent, nous vous en informerons."),
        ],
        []);

    public static RenderedEmail WaitlistClosed(Language l, string applicationId) => Render(l,
        new("نتيجة طلبكم " + applicationId, "Résultat de votre demande " + applicationId),
        [
            new("تم إغلاق لائحة الانتظار الخاصة بهذه الدورة، ولم تتوفر اعتمادات لتمويل مشروعكم.",
                "La liste d'attente de cette édition est close ; aucun crédit ne s'est libéré pour financer votre projet."),
            new("نأسف لإخباركم بأن مشروعكم لن يستفيد من الدعم في هذه الدورة. نشكركم على مشاركتكم.",
                "Nous regrettons de vous informer que votre projet ne sera pas financé pour cette édition. Merci de votre participation."),
        ],
        []);

    public static RenderedEmail NotSelectedAtSelection(Language l, string applicationId, string score, string? cutOff) => Render(l,
        new("نتيجة طلبكم " + applicationId, "Résultat de votre demande " + applicationId),
        [
            new("نأسف لإخباركم بأن مشروعكم لم يتم انتقاؤه في هذه الدورة. نشكركم على مشاركتكم.",
                "Nous regrettons de vous informer que votre projet n'a pas été retenu pour cette édition. Merci de votre participation."),
            cutOff is null
                ? new("حصل مشروعكم على " + score + "/100.", "Votre projet a obtenu " + score + "/100.")
                : new("حصل مشروعكم على " + score + "/100، وكانت أدنى نقطة للمشاريع المنتقاة " + cutOff + "/100.",
                    "Votre projet a obtenu " + score + "/100 ; la note la plus basse des projets retenus était de " + cutOff + "/100."),
        ],
        []);

    public static RenderedEmail ReportRequest(Language l, string applicationId, int tranche, DateTimeOffset deadline, EmailLink link, bool reminder) => Render(l,
        reminder
            ? new("تذكير: التقرير المرحلي للطلب " + applicationId, "Rappel : rapport d'avancement de la demande " + applicationId)
            : new("التقرير المرحلي للطلب " + applicationId, "Rapport d'avancement de la demande " + applicationId),
        [new("لصرف الدفعة رقم " + tranche + "، المرجو إرسال تقريركم المرحلي قبل " + CasablancaTime.Format(deadline, Language.Ar) + ".",
            "Pour le versement de la tranche " + tranche + ", merci d'envoyer votre rapport d'avancement avant le " + CasablancaTime.Format(deadline, Language.Fr) + ".")],
        [link]);

    /// <summary>A report asked for through its form: a progress report for a tranche, or the final report.</summary>
    public static RenderedEmail ReportForm(Language l, string applicationId, int number, int? tranche, DateTimeOffset deadline, EmailLink link, bool reminder) => Render(l,
        tranche is null
            ? (reminder
                ? new("تذكير: التقرير النهائي للطلب " + applicationId, "Rappel : rapport final de la demande " + applicationId)
                : new("التقرير النهائي للطلب " + applicationId, "Rapport final de la demande " + applicationId))
            : (reminder
                ? new("تذكير: التقرير المرحلي للطلب " + applicationId, "Rappel : rapport d'avancement de la demande " + applicationId)
                : new("التقرير المرحلي للطلب " + applicationId, "Rapport d'avancement de la demande " + applicationId)),
        [
            tranche is null
                ? new("تم صرف جميع الدفعات. لاختتام الملف، المرجو إرسال التقرير النهائي (رقم " + number + ") قبل " + CasablancaTime.Format(deadline, Language.Ar) + ".",
                    "Toutes les tranches sont versées. Pour clôturer le dossier, merci d'envoyer le rapport final (n° " + number + ") avant le " + CasablancaTime.Format(deadline, Language.Fr) + ".")
                : new("لصرف الدفعة رقم " + tranche + "، المرجو إرسال التقرير المرحلي رقم " + number + " قبل " + CasablancaTime.Format(deadline, Language.Ar) + ".",
                    "Pour le versement de la tranche " + tranche + ", merci d'envoyer le rapport d'avancement n° " + number + " avant le " + CasablancaTime.Format(deadline, Language.Fr) + "."),
            new("يتضمن التقرير ملفا وأرقاما: مناصب الشغل، المستفيدون، المبلغ المصروف، وملخصا قصيرا، عبر الاستمارة في الرابط أسفله.",
                "Le rapport comprend un fichier et des chiffres (emplois, bénéficiaires, montant dépensé) avec un court récit, à saisir dans le formulaire du lien ci-dessous."),
        ],
        [link]);

    /// <summary>Staff asked for changes to a report: the reason, and a link for a new version.</summary>
    public static RenderedEmail ReportChangesRequested(Language l, string applicationId, int number, string reason, DateTimeOffset deadline, EmailLink link) => Render(l,
        new("تعديلات مطلوبة على التقرير رقم " + number + " للطلب " + applicationId, "Modifications demandées : rapport n° " + number + " de la demande " + applicationId),
        [
            new("درست مصالح البرنامج تقريركم وتطلب التعديلات التالية:", "Les services du programme ont examiné votre rapport et demandent les modifications suivantes :"),
            new(reason, reason),
            new("المرجو إرسال صيغة جديدة قبل " + CasablancaTime.Format(deadline, Language.Ar) + " عبر الرابط أسفله؛ تحتفظ المصالح بالصيغة السابقة.",
                "Merci d'envoyer une nouvelle version avant le " + CasablancaTime.Format(deadline, Language.Fr) + " par le lien ci-dessous ; la version précédente reste conservée."),
        ],
        [link]);

    public static RenderedEmail TrancheDue(string applicationId, int tranche, string amount, bool reminder) => Render(Language.Fr,
        reminder
            ? new("تذكير: دفعة مستحقة " + applicationId, "Rappel : tranche " + tranche + " due — " + applicationId)
            : new("دفعة مستحقة " + applicationId, "Tranche " + tranche + " due — " + applicationId),
        [new("الدفعة رقم " + tranche + " (" + amount + ") مستحقة الصرف.", "La tranche " + tranche + " (" + amount + ") peut être versée.")],
        []);

    public static RenderedEmail TrancheReleased(Language l, string applicationId, int tranche, string amount, DateOnly valueDate) => Render(l,
        new("تم صرف الدفعة رقم " + tranche, "Tranche " + tranche + " versée"),
        [new("تم صرف الدفعة رقم " + tranche + " من الدعم الخاص بالطلب " + applicationId + " بمبلغ " + amount + " بتاريخ " + valueDate.ToString("yyyy-MM-dd") + ".",
            "La tranche " + tranche + " du soutien de la demande " + applicationId + ", soit " + amount + ", a été versée avec la date de valeur du " + valueDate.ToString("dd/MM/yyyy") + ".")],
        []);

    public static RenderedEmail Closed(Language l, string applicationId) => Render(l,
        new("اختتام ملف الدعم " + applicationId, "Clôture du dossier " + applicationId),
        [new("تم صرف جميع دفعات الدعم، وتم اختتام الملف. نتمنى لمشروعكم كامل النجاح.",
            "Toutes les tranches ont été versées et le dossier est clôturé. Nous souhaitons plein succès à votre projet.")],
        []);

    public static RenderedEmail AgreementRequest(Language l, string applicationId, string amount, string funder, DateTimeOffset deadline, EmailLink upload,
        string? sentBack, bool reminder) => Render(l,
        reminder
            ? new("تذكير: اتفاقية التمويل للطلب " + applicationId, "Rappel : convention de financement de la demande " + applicationId)
            : new("اتفاقية التمويل للطلب " + applicationId, "Convention de financement de la demande " + applicationId),
        [
            .. sentBack is null ? Array.Empty<Bilingual>() : [new("لم تقبل مصالح البرنامج النسخة الموقعة التي أرسلتموها. السبب: " + sentBack,
                "Les services du programme n'ont pas accepté l'exemplaire signé envoyé. Motif : " + sentBack)],
            new("تجدون اتفاقية تمويل مشروعكم بمبلغ " + amount + " يمنحه " + funder + " في صفحة الإرسال أدناه.",
                "La convention de financement de votre projet, d'un montant de " + amount + " accordé par " + funder
                + ", est à télécharger depuis la page d'envoi ci-dessous."),
            new("المرجو طبعها وتوقيعها وإرسال نسخة ممسوحة منها قبل " + CasablancaTime.Format(deadline, Language.Ar) + "، وإلا سقط الدعم.",
                "Merci de l'imprimer, de la signer et d'en envoyer une copie numérisée avant le " + CasablancaTime.Format(deadline, Language.Fr)
                + " ; passé ce délai, la subvention devient caduque."),
            new("لا تصرف أي دفعة قبل توقيع الاتفاقية من الطرفين.", "Aucune tranche n'est versée avant la signature de la convention par les deux parties."),
        ],
        [upload]);

    public static RenderedEmail Withdrawn(Language l, string applicationId, string reason) => Render(l,
        new("سحب طلبكم " + applicationId, "Retrait de votre demande " + applicationId),
        [
            new("قررت مصالح البرنامج سحب طلبكم. السبب: " + reason, "Les services du programme ont retiré votre demande. Motif : " + reason),
            new("لن يتم صرف أي دفعة لم تصرف بعد. للاستفسار، المرجو الاتصال بمصالح البرنامج.",
                "Aucune tranche non encore versée ne le sera. Pour toute question, contactez les services du programme."),
        ],
        []);

    public static RenderedEmail AwardLapsed(Language l, string applicationId) => Render(l,
        new("سقوط الدعم الخاص بالطلب " + applicationId, "Subvention caduque — demande " + applicationId),
        [new("لم تتوصل مصالح البرنامج باتفاقية التمويل موقعة قبل الأجل المحدد، لذا سقط الدعم وأعيد المبلغ إلى اعتمادات الممول.",
            "La convention de financement signée n'a pas été reçue avant la date limite : la subvention est caduque et son montant revient à l'enveloppe du bailleur.")],
        []);

    public static RenderedEmail StaffReviewNeeded(string applicationId, string stage) => Render(Language.Fr,
        new("قرار مطلوب: " + applicationId, "Décision attendue : " + applicationId),
        [new("الطلب " + applicationId + " في انتظار قراركم (" + stage + ").", "La demande " + applicationId + " attend votre décision (étape : " + stage + ").")],
        []);

    public static RenderedEmail ReviewerRecused(string applicationId, string memberId, string? replacementId) => Render(Language.Fr,
        new("تصريح بتضارب المصالح: " + applicationId, "Conflit d'intérêts déclaré : " + applicationId),
        [
            new("صرح العضو " + memberId + " بتضارب في المصالح بشأن الطلب " + applicationId + "، ولم يعد بإمكانه التصويت عليه.",
                "Le membre " + memberId + " a déclaré un conflit d'intérêts pour la demande " + applicationId + " et ne peut plus voter sur celle-ci."),
            replacementId is null
                ? new("لا يوجد عضو آخر متاح لتعويضه: تستمر اللجنة بدونه.", "Aucun autre membre ne peut le remplacer : le comité poursuit sans lui.")
                : new("تم تعيين العضو " + replacementId + " مكانه وتوصل بمهمة التقييم.", "Le membre " + replacementId + " le remplace et a reçu la demande d'évaluation."),
        ],
        []);

    internal static RenderedEmail Render(Language l, Bilingual subject, IReadOnlyList<Bilingual> paragraphs, IReadOnlyList<EmailLink> links)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(l.Code()).Append("\" dir=\"").Append(l.Direction()).Append("\"><body style=\"font-family:sans-serif\">");
        html.Append("<h2>").Append(WebUtility.HtmlEncode(Programme.In(l))).Append("</h2>");
        var text = new StringBuilder();
        text.AppendLine(Programme.In(l)).AppendLine();
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph.In(l))).Append("</p>");
            text.AppendLine(paragraph.In(l)).AppendLine();
        }

        if (links.Count > 0)
        {
            html.Append("<ul>");
            foreach (var link in links)
            {
                html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(link.Url.AbsoluteUri)).Append("\">")
                    .Append(WebUtility.HtmlEncode(link.Label.In(l))).Append("</a></li>");
                text.Append("- ").Append(link.Label.In(l)).Append(": ").AppendLine(link.Url.AbsoluteUri);
            }

            html.Append("</ul>");
        }

        html.Append("</body></html>");
        return new RenderedEmail(subject.In(l), html.ToString(), text.ToString());
    }
}

public sealed record RenderedEmail(string Subject, string Html, string Text);

public sealed record EmailLink(Bilingual Label, Uri Url);
