using Mouazara.Kernel;

namespace Mouazara.Texts;

/// <summary>The review page's conflict-of-interest declaration and what a reviewer reads once the review left them.</summary>
public static class ConflictTexts
{
    public static readonly Bilingual Heading = new("التصريح بعدم تضارب المصالح", "Déclaration d'absence de conflit d'intérêts");

    public static readonly Bilingual Explain = new(
        "قبل الاطلاع على الوثائق والتنقيط، صرحوا بأنه لا تربطكم بحامل المشروع أي مصلحة: لا عضوية ولا قرابة ولا علاقة مهنية أو مالية.",
        "Avant de consulter les documents et de noter, déclarez n'avoir aucun lien avec le porteur : ni appartenance, ni parenté, ni relation professionnelle ou financière.");

    public static readonly Bilingual NoConflictCheckbox = new(
        "أصرح بأنه لا يوجد لدي أي تضارب في المصالح مع حامل هذا المشروع.",
        "Je déclare n'avoir aucun conflit d'intérêts avec le porteur de ce projet.");

    public static readonly Bilingual Confirm = new("تأكيد والانتقال إلى التقييم", "Confirmer et évaluer");

    public static readonly Bilingual HaveConflict = new("لدي تضارب في المصالح", "J'ai un conflit d'intérêts");

    public static readonly Bilingual NoteLabel = new("ملاحظة (اختيارية)", "Précision (facultative)");

    public static readonly Bilingual Recuse = new("أتنحى عن تقييم هذا الطلب", "Je me retire de cette évaluation");

    public static readonly Bilingual Declared = new("صرحتم بعدم وجود تضارب في المصالح.", "Vous avez déclaré n'avoir aucun conflit d'intérêts.");

    public static readonly Bilingual CheckboxRequired = new("المرجو تأكيد التصريح بوضع علامة في الخانة.", "Merci de cocher la case pour confirmer la déclaration.");

    public static readonly Bilingual RecusedTitle = new("تم تسجيل تنحيكم", "Votre retrait est enregistré");

    public static readonly Bilingual Recused = new(
        "شكرا على تصريحكم. أسند هذا التقييم إلى عضو آخر من اللجنة، ولم يعد بإمكانكم التصويت على هذا الطلب.",
        "Merci de votre déclaration. Cette évaluation est confiée à un autre membre du comité ; vous ne pouvez plus voter sur cette demande.");

    public static readonly Bilingual WithdrawnTitle = new("لم يعد هذا التقييم مسندا إليكم", "Cette évaluation ne vous est plus confiée");

    public static readonly Bilingual Reassigned = new(
        "أسندت مصالح البرنامج هذا التقييم إلى عضو آخر من اللجنة. لم يعد هذا الرابط صالحا للتصويت.",
        "L'équipe du programme a confié cette évaluation à un autre membre du comité. Ce lien ne permet plus de voter.");
}
