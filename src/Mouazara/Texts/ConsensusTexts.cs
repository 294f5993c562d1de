using Mouazara.Kernel;

namespace Mouazara.Texts;

/// <summary>Every word of the consensus round and of the reviewer's own page and digest, in Arabic and French.</summary>
public static class ConsensusTexts
{
    public static readonly Bilingual RevisionTitle = new("مراجعة التقييم", "Révision de votre évaluation");
    public static readonly Bilingual Diverge = new(
        "تتباعد نقط أعضاء اللجنة حول هذا المشروع. اطلعوا على تقييمات الأعضاء الآخرين (دون أسمائهم)، ثم عدلوا تقييمكم مرة واحدة أو أبقوا عليه.",
        "Les notes des évaluateurs de ce projet divergent. Voici les évaluations des autres membres (sans leur nom) : vous pouvez réviser la vôtre une fois, ou la maintenir.");
    public static readonly Bilingual Criterion = new("المعيار", "Critère");
    public static readonly Bilingual You = new("تقييمكم", "Vous");
    static readonly string[] ArabicLetters = ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي"];

    /// <summary>Another reviewer, named by a letter only.</summary>
    public static Bilingual Other(int index) => index < ArabicLetters.Length
        ? new("العضو " + ArabicLetters[index], "Évaluateur " + (char)('A' + index))
        : new("العضو " + (index + 1), "Évaluateur " + (index + 1));
    public static readonly Bilingual Total = new("المجموع", "Total");
    public static readonly Bilingual Recommendation = new("التوصية", "Recommandation");
    public static readonly Bilingual Comments = new("ملاحظات الأعضاء الآخرين", "Commentaires des autres évaluateurs");
    public static readonly Bilingual NoComment = new("بدون ملاحظة", "Sans commentaire");
    public static readonly Bilingual ReviseLegend = new("تعديل تقييمي", "Réviser mon évaluation");
    public static readonly Bilingual Revise = new("تسجيل التقييم المعدل", "Enregistrer ma révision");
    public static readonly Bilingual Keep = new("الإبقاء على تقييمي", "Maintenir mon évaluation");
    public static readonly Bilingual Deadline = new("آخر أجل للمراجعة: ", "Révision possible jusqu'au ");
    public static readonly Bilingual Revised = new("تم تسجيل تقييمكم المعدل: ", "Votre évaluation révisée est enregistrée : ");
    public static readonly Bilingual Kept = new("تم الإبقاء على تقييمكم الأول.", "Votre première évaluation est maintenue.");
    public static readonly Bilingual Closed = new("انتهى أجل المراجعة.", "La révision est close.");
    public static readonly Bilingual Answered = new("تمت المراجعة", "Révision enregistrée");
    public static readonly Bilingual OnlyOnce = new("لا يمكن المراجعة إلا مرة واحدة.", "Une seule révision est possible.");

    public static readonly Bilingual ReviewerTitle = new("تقييماتي", "Mes évaluations");
    public static readonly Bilingual Pending = new("في انتظار تقييمكم", "À faire");
    public static readonly Bilingual Done = new("منجزة", "Terminées");
    public static readonly Bilingual NonePending = new("لا توجد تقييمات في الانتظار.", "Aucune évaluation en attente.");
    public static readonly Bilingual NoneDone = new("لا توجد تقييمات منجزة بعد.", "Aucune évaluation terminée pour l'instant.");
    public static readonly Bilingual Until = new("قبل ", "avant le ");
    public static readonly Bilingual OpenReview = new("فتح صفحة التقييم", "Ouvrir l'évaluation");
    public static readonly Bilingual OpenRevision = new("مراجعة التقييم", "Réviser l'évaluation");
    public static readonly Bilingual RevisionRound = new("مراجعة (الجولة الثانية)", "Révision (second tour)");
    public static readonly Bilingual Voted = new("تم التقييم: ", "Évaluée : ");
    public static readonly Bilingual ClosedUnvoted = new("انتهى الأجل دون تقييم", "Close sans évaluation");

    public static RenderedEmail RevisionTask(Language l, string memberName, string applicationId, string projectTitle, int spread, DateTimeOffset deadline,
        Uri url, bool reminder) => Templates.Render(l,
        reminder
            ? new("تذكير: مراجعة تقييم المشروع " + applicationId, "Rappel : révision de l'évaluation du projet " + applicationId)
            : new("مراجعة تقييم المشروع " + applicationId, "Révision de l'évaluation du projet " + applicationId),
        [
            new("السيد(ة) " + memberName + "،", "Madame, Monsieur " + memberName + ","),
            new("تتباعد نقط أعضاء اللجنة حول المشروع «" + projectTitle + "» بـ " + spread + " نقطة. يمكنكم الاطلاع على تقييمات الأعضاء الآخرين دون أسمائهم، ثم تعديل تقييمكم مرة واحدة أو الإبقاء عليه قبل "
                + CasablancaTime.Format(deadline, Language.Ar) + ".",
                "Les notes des évaluateurs du projet « " + projectTitle + " » sont éloignées de " + spread + " points. Vous pouvez consulter les évaluations des autres membres, sans leur nom, puis réviser la vôtre une fois ou la maintenir, avant le "
                + CasablancaTime.Format(deadline, Language.Fr) + "."),
            new("هذا الرابط شخصي، لا تشاركوه.", "Ce lien vous est personnel : ne le transmettez pas."),
        ],
        [new(new("فتح صفحة المراجعة", "Ouvrir la page de révision"), url)]);

    /// <summary>One line of the digest: an open task.</summary>
    public sealed record DigestLine(string ApplicationId, string ProjectTitle, DateTimeOffset Deadline, bool Revision);

    public static RenderedEmail Digest(Language l, string memberName, IReadOnlyList<DigestLine> lines, Uri reviewerPage) => Templates.Render(l,
        new("تقييماتكم في الانتظار: " + lines.Count, "Vos évaluations en attente : " + lines.Count),
        [
            new("السيد(ة) " + memberName + "،", "Madame, Monsieur " + memberName + ","),
            new("هذه التقييمات في انتظاركم، وتجدونها كلها في صفحتكم:", "Ces évaluations vous attendent ; vous les retrouvez toutes sur votre page :"),
            .. lines.Select(line => new Bilingual(
                line.ApplicationId + " — " + line.ProjectTitle + (line.Revision ? " (" + RevisionRound.Ar + ")" : "") + " — " + Until.Ar + CasablancaTime.Format(line.Deadline, Language.Ar),
                line.ApplicationId + " — " + line.ProjectTitle + (line.Revision ? " (" + RevisionRound.Fr + ")" : "") + " — " + Until.Fr + CasablancaTime.Format(line.Deadline, Language.Fr))),
            new("هذا الرابط شخصي، لا تشاركوه.", "Ce lien vous est personnel : ne le transmettez pas."),
        ],
        [new(new("فتح صفحة تقييماتي", "Ouvrir ma page d'évaluateur"), reviewerPage)]);
}
