using System.Globalization;
using Mouazara.Kernel;

namespace Mouazara.Texts;

/// <summary>Every word of the funding agreement the applicant signs, in Arabic and French.</summary>
public static class AgreementTexts
{
    static readonly CultureInfo Ar = CultureInfo.GetCultureInfo("ar-MA");
    static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>
    /// Digits grouped by no-break spaces, decimal comma, in both languages ("450 000,00"): a no-break space keeps the
    /// number whole in a right-to-left line, where an ordinary space would let the groups be reordered.
    /// </summary>
    static readonly NumberFormatInfo Amounts = new() { NumberGroupSeparator = "\u00A0", NumberDecimalSeparator = ",", NumberGroupSizes = [3] };

    // Left-to-right embedding for a reference with spaces inside an Arabic line (a RIB), so its groups keep their order.
    const string LeftToRight = "\u202A";
    const string PopDirection = "\u202C";

    public static readonly Bilingual Title = new("اتفاقية تمويل", "Convention de financement");

    public static readonly Bilingual Programme = new("برنامج مؤازرة", "Programme Mouazara");

    /// <summary>Who pays an award of an edition configured before funders existed: the programme's ministry.</summary>
    public static readonly Bilingual ProgrammeFunder = new(
        "كتابة الدولة المكلفة بالصناعة التقليدية والاقتصاد الاجتماعي والتضامني",
        "Secrétariat d'État chargé de l'Artisanat et de l'Économie sociale et solidaire");

    public static Bilingual EditionLine(Bilingual edition) => new("الدورة: " + edition.Ar, "Édition : " + edition.Fr);

    public static Bilingual ApplicationLine(string applicationId) => new("ملف رقم: " + applicationId, "Dossier n° " + applicationId);

    public static Bilingual IssuedOn(DateOnly date) => new("حررت بتاريخ " + Date(date).Ar, "Établie le " + Date(date).Fr);

    public static readonly Bilingual Between = new("بين الموقعين أدناه:", "Entre les soussignés :");

    /// <summary>The funder as a party; "هذا الطرف" keeps the Arabic right whether the funder's name is masculine or feminine.</summary>
    public static Bilingual FunderParty(Bilingual funder) => new(
        funder.Ar + "، ويشار إلى هذا الطرف فيما يلي بـ«الممول»،",
        funder.Fr + ", ci-après dénommé « le bailleur »,");

    public static readonly Bilingual And = new("من جهة، و", "d'une part, et");

    /// <summary>The applicant as a party; French agrees with the type (un réseau, une association or coopérative).</summary>
    public static Bilingual ApplicantParty(string name, string typeCode, string registrationNumber, string representative, string role, bool representativeIsWoman)
    {
        var type = ApplicantTypes.All.TryGetValue(typeCode, out var label) ? label : new Bilingual(typeCode, typeCode);
        var e = typeCode == ApplicantTypes.Network ? "" : "e";
        return new(
            name + "، " + type.Ar + "، المسجلة تحت رقم " + registrationNumber + "، ويمثلها " + representative + (representativeIsWoman ? " بصفتها " : " بصفته ") + role
                + "، ويشار إلى هذا الطرف فيما يلي بـ«حامل المشروع»، من جهة أخرى.",
            name + ", " + type.Fr.ToLowerInvariant() + ", immatriculé" + e + " sous le n° " + registrationNumber + ", représenté" + e + " par " + representative
                + ", en sa qualité de " + role + ", ci-après dénommé" + e + " « le porteur », d'autre part.");
    }

    public static readonly Bilingual Agreed = new("تم الاتفاق على ما يلي:", "Il a été convenu ce qui suit :");

    public static Bilingual Article(int number, Bilingual heading) => new("المادة " + number + " — " + heading.Ar, "Article " + number + " — " + heading.Fr);

    public static readonly Bilingual PurposeHeading = new("موضوع الاتفاقية", "Objet");

    public static Bilingual Purpose(string projectTitle, Bilingual sector, Bilingual region, Bilingual edition) => new(
        "تهدف هذه الاتفاقية إلى المساهمة في تمويل مشروع «" + projectTitle + "»، في قطاع " + sector.Ar + "، بجهة " + region.Ar
            + "، المنتقى في إطار دورة «" + edition.Ar + "» من برنامج مؤازرة.",
        "La présente convention a pour objet le cofinancement du projet « " + projectTitle + " », secteur " + sector.Fr + ", région "
            + region.Fr + ", retenu au titre de l'édition « " + edition.Fr + " » du programme Mouazara.");

    public static readonly Bilingual AmountHeading = new("مبلغ الدعم", "Montant de la subvention");

    public static Bilingual Grant(long centimes) => new(
        "يمنح الممول حامل المشروع دعما ماليا قدره " + Amount(centimes).Ar + ".",
        "Le bailleur accorde au porteur une subvention de " + Amount(centimes).Fr + ".");

    public static readonly Bilingual TranchesHeading = new("صرف الدعم على دفعات", "Versement par tranches");

    public static readonly Bilingual TranchesIntro = new(
        "يصرف الدعم على دفعات وفق الجدول التالي، ومجموع الدفعات يساوي مبلغ الدعم:",
        "La subvention est versée en tranches selon le tableau suivant ; leur total est égal au montant de la subvention :");

    public static readonly Bilingual TrancheColumn = new("الدفعة", "Tranche");

    public static readonly Bilingual PercentColumn = new("النسبة", "Part");

    public static readonly Bilingual AmountColumn = new("المبلغ", "Montant");

    public static readonly Bilingual ConditionColumn = new("شرط الاستحقاق", "Condition de versement");

    public static readonly Bilingual Total = new("المجموع", "Total");

    public static readonly Bilingual OnSignature = new(
        "بعد توقيع الاتفاقية من طرف حامل المشروع وتوقيعها المضاد من طرف الممول",
        "à la signature de la convention par le porteur et sa contresignature par le bailleur");

    public static Bilingual AfterTranche(int tranche) => new("بعد صرف الدفعة رقم " + tranche, "après le versement de la tranche n° " + tranche);

    public static Bilingual AfterReport(int report) => new(
        "بعد قبول التقرير المرحلي رقم " + report, "après acceptation du rapport d'avancement n° " + report);

    public static Bilingual AfterDocument(Bilingual document) => new("بعد قبول الوثيقة: " + document.Ar, "après acceptation du document : " + document.Fr);

    public static readonly Bilingual ReportingHeading = new("التزامات التقارير", "Obligations de rapport");

    public static Bilingual ProgressReports(int count, TimeSpan deadline) => count == 0
        ? new("لا يشترط أي تقرير مرحلي قبل صرف الدفعات.", "Aucun rapport d'avancement n'est exigé avant les versements.")
        : new("عدد التقارير المرحلية المطلوبة: " + count + ". يقدم كل تقرير داخل أجل " + Duration(deadline).Ar + " من تاريخ طلبه، عبر الرابط المرسل إلى حامل المشروع.",
            "Nombre de rapports d'avancement exigés : " + count + ". Chaque rapport est remis dans un délai de " + Duration(deadline).Fr
                + " à compter de sa demande, par le lien adressé au porteur.");

    public static Bilingual FinalReport(TimeSpan deadline) => new(
        "يقدم حامل المشروع تقريرا نهائيا بعد صرف آخر دفعة، داخل أجل " + Duration(deadline).Ar + " من تاريخ طلبه؛ ولا تختتم الاتفاقية إلا بعد قبوله.",
        "Le porteur remet un rapport final après le versement de la dernière tranche, dans un délai de " + Duration(deadline).Fr
            + " à compter de sa demande ; la convention n'est close qu'après son acceptation.");

    public static readonly Bilingual ReportContents = new(
        "يتضمن كل تقرير: مناصب الشغل المحدثة والمحافظ عليها، وعدد المستفيدين ومنهم النساء، والمبالغ المصروفة، وعرضا موجزا لسير المشروع.",
        "Chaque rapport indique les emplois créés et maintenus, le nombre de bénéficiaires dont les femmes, les montants dépensés et un bref exposé de l'avancement du projet.");

    public static readonly Bilingual BankHeading = new("الحساب البنكي", "Compte bancaire");

    public static Bilingual BankAccount(string rib) => new(
        "تحول الدفعات إلى الحساب البنكي لحامل المشروع، رقم الهوية البنكية (RIB): " + LeftToRight + rib + PopDirection + ".",
        "Les versements sont effectués sur le compte bancaire du porteur, RIB : " + rib + ".");

    public static Bilingual BankCertificate(string sha256) => new(
        "تحول الدفعات إلى الحساب البنكي المبين في الشهادة البنكية المودعة بالملف (بصمة SHA-256: " + sha256 + ").",
        "Les versements sont effectués sur le compte bancaire désigné par l'attestation bancaire versée au dossier (empreinte SHA-256 : " + sha256 + ").");

    public static readonly Bilingual BankCertificateToCome = new(
        "تحول الدفعات إلى الحساب البنكي المبين في الشهادة البنكية التي يلتزم حامل المشروع بتقديمها.",
        "Les versements sont effectués sur le compte bancaire désigné par l'attestation bancaire que le porteur s'engage à fournir.");

    public static readonly Bilingual EntryHeading = new("الدخول حيز التنفيذ", "Entrée en vigueur");

    public static readonly Bilingual Entry = new(
        "تدخل هذه الاتفاقية حيز التنفيذ بعد توقيعها من طرف حامل المشروع وتوقيعها المضاد من طرف الممول؛ ولا تستحق الدفعة الأولى إلا بعد ذلك.",
        "La présente convention entre en vigueur après sa signature par le porteur et sa contresignature par le bailleur ; la première tranche n'est due qu'ensuite.");

    public static readonly Bilingual Copies = new("حررت في نظيرين.", "Fait en deux exemplaires.");

    public static readonly Bilingual ForFunder = new("عن الممول", "Pour le bailleur");

    public static readonly Bilingual ForApplicant = new("عن حامل المشروع", "Pour le porteur");

    public static readonly Bilingual NameAndRole = new("الاسم والصفة:", "Nom et qualité :");

    public static readonly Bilingual DateLabel = new("التاريخ:", "Date :");

    public static readonly Bilingual SignatureLabel = new("التوقيع:", "Signature :");

    public static Bilingual Footer(string applicationId, string edition) => new(
        "اتفاقية تمويل — ملف رقم " + applicationId + " — الدورة " + edition,
        "Convention de financement — dossier n° " + applicationId + " — édition " + edition);

    /// <summary>An exact amount of MAD: "450 000,00 MAD" / "450 000,00 درهم".</summary>
    public static Bilingual Amount(long centimes)
    {
        var digits = Money.ToDirhams(centimes).ToString("N2", Amounts);
        return new(digits + "\u00A0درهم", digits + "\u00A0MAD");
    }

    public static Bilingual Percent(decimal percent)
    {
        var digits = percent.ToString("0.##", Amounts);
        return new(digits + "%", digits + "\u00A0%");
    }

    public static Bilingual Date(DateOnly date) => new(date.ToString("d MMMM yyyy", Ar), date.ToString("d MMMM yyyy", Fr));

    /// <summary>A report deadline as people say it: in days when it is whole days, else hours, else minutes.</summary>
    public static Bilingual Duration(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerDay == 0 && span.Days > 0)
        {
            return Count((int)span.TotalDays, ("يوم واحد", "يومان", "أيام", "يوما"), "jour");
        }

        if (span.Ticks % TimeSpan.TicksPerHour == 0 && span.TotalHours >= 1)
        {
            return Count((int)span.TotalHours, ("ساعة واحدة", "ساعتان", "ساعات", "ساعة"), "heure");
        }

        return Count(Math.Max(1, (int)Math.Ceiling(span.TotalMinutes)), ("دقيقة واحدة", "دقيقتان", "دقائق", "دقيقة"), "minute");
    }

    /// <summary>Arabic counts its nouns in four forms: one, two, three to ten (plural), eleven and more (singular accusative).</summary>
    static Bilingual Count(int n, (string One, string Two, string Few, string Many) ar, string fr) => new(
        n switch { 1 => ar.One, 2 => ar.Two, <= 10 => n + " " + ar.Few, _ => n + " " + ar.Many },
        n + " " + fr + (n > 1 ? "s" : ""));
}
