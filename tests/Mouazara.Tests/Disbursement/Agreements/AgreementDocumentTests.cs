using System.IO.Compression;
using System.Security.Cryptography;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Mouazara.Applications;
using Mouazara.Disbursement;
using Mouazara.Disbursement.Agreements;
using Mouazara.Kernel;
using Language = Mouazara.Kernel.Language;

namespace Mouazara.Tests.Disbursement.Agreements;

/// <summary>
/// The funding agreement opened back with the Open XML SDK, as a word processor reads it: Arabic marked right to left
/// at every level and written in logical order (the word processor shapes it), French left to right, the amounts to
/// the centime, a valid document, and the same bytes for the same terms.
/// </summary>
public sealed class AgreementDocumentTests
{
    const string Nbsp = "\u00A0";
    const string CertificateHash = "3f6a0c1d9b8e7f2a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80910a1b";
    static readonly Bilingual Ministry = new("كتابة الدولة المكلفة بالصناعة التقليدية والاقتصاد الاجتماعي والتضامني",
        "Secrétariat d'État chargé de l'Artisanat et de l'Économie sociale et solidaire");

    /// <summary>48 999,99 MAD in three tranches (40/30/30, the last two after a progress report each).</summary>
    static AgreementTerms Terms(Language language, string? rib = null, string? certificate = CertificateHash)
    {
        const long amount = 4_899_999;
        var plan = new[] { (40m, (string?)null), (30m, DocumentTypes.ProgressReport), (30m, DocumentTypes.ProgressReport) };
        var amounts = TrancheSplit.Split(amount, plan.Select(p => p.Item1).ToList());
        var tranches = AgreementTermsReader.Tranches(plan.Select((p, i) => new AwardTranche(i + 1, p.Item1, amounts[i], p.Item2)).ToList());
        return language == Language.Ar
            ? new AgreementTerms("generic-ab12cd34ef", "ed-2026", new Bilingual("الدورة الخامسة 2026", "Cinquième édition 2026"), language, new DateOnly(2026, 12, 2),
                new AgreementApplicant("association", "جمعية النسيج التقليدي بأمزميز", "ASSO-2019-0042", new Representative("مينة التازي", "female", "رئيسة الجمعية")),
                new AgreementProject("ورشة النسيج النسوي", "handicrafts", "MA-07"), "ministry", Ministry, amount, tranches,
                new AgreementReporting(2, TimeSpan.FromDays(30)), rib, certificate)
            : new AgreementTerms("generic-ab12cd34ef", "ed-2026", new Bilingual("الدورة الخامسة 2026", "Cinquième édition 2026"), language, new DateOnly(2026, 12, 2),
                new AgreementApplicant("association", "Association Tissage Amizmiz", "ASSO-2019-0042", new Representative("Mina Tazi", "female", "Présidente")),
                new AgreementProject("Atelier de tissage féminin", "handicrafts", "MA-07"), "ministry", Ministry, amount, tranches,
                new AgreementReporting(2, TimeSpan.FromDays(30)), rib, certificate);
    }

    static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), false);

    static string Text(WordprocessingDocument document) =>
        string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));

    /// <summary>The tranche table's rows (header, one per tranche, total), each as its cells' texts.</summary>
    static List<string[]> PlanRows(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document.Body!.Elements<Table>().First().Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();

    [Fact]
    public void The_Arabic_agreement_is_right_to_left_at_every_level_and_in_logical_order()
    {
        using var document = Open(AgreementDocument.Build(Terms(Language.Ar)));
        var main = document.MainDocumentPart!;
        var body = main.Document.Body!;

        var section = Assert.Single(body.Elements<SectionProperties>());
        Assert.NotNull(section.GetFirstChild<BiDi>());
        var paragraphs = body.Descendants<Paragraph>().Concat(main.FooterParts.Single().Footer.Descendants<Paragraph>()).ToList();
        Assert.All(paragraphs, p => Assert.NotNull(p.ParagraphProperties?.BiDi));
        Assert.All(body.Descendants<Table>(), t => Assert.NotNull(t.GetFirstChild<TableProperties>()!.GetFirstChild<BiDiVisual>()));
        var runs = body.Descendants<Run>().ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, r =>
        {
            Assert.NotNull(r.RunProperties!.RightToLeftText);
            Assert.Equal("ar-MA", r.RunProperties.Languages!.Bidi!.Value);
            Assert.Equal("Arial", r.RunProperties.RunFonts!.ComplexScript!.Value);
        });

        var text = Text(document);
        Assert.Contains("اتفاقية تمويل", text, StringComparison.Ordinal);
        Assert.Contains(Ministry.Ar, text, StringComparison.Ordinal);
        Assert.Contains("جمعية النسيج التقليدي بأمزميز", text, StringComparison.Ordinal);
        Assert.Contains("مينة التازي بصفتها رئيسة الجمعية", text, StringComparison.Ordinal);
        Assert.Contains("ورشة النسيج النسوي", text, StringComparison.Ordinal);
        Assert.Contains("مراكش آسفي", text, StringComparison.Ordinal);
        Assert.Contains("الصناعة التقليدية", text, StringComparison.Ordinal);
        Assert.Contains("generic-ab12cd34ef", text, StringComparison.Ordinal);
        Assert.Contains("2 دجنبر 2026", text, StringComparison.Ordinal);
        Assert.Contains("30 يوما", text, StringComparison.Ordinal);

        // Logical-order Arabic letters, never pre-shaped presentation forms: the word processor joins them.
        Assert.Contains(text, c => c is >= '\u0600' and <= '\u06FF');
        Assert.DoesNotContain(text, c => c is (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF'));
    }

    [Fact]
    public void The_Arabic_agreement_states_the_amount_and_each_tranche_to_the_centime()
    {
        using var document = Open(AgreementDocument.Build(Terms(Language.Ar)));

        Assert.Contains("قدره 48" + Nbsp + "999,99" + Nbsp + "درهم.", Text(document), StringComparison.Ordinal);
        var rows = PlanRows(document);
        Assert.Equal(["الدفعة", "النسبة", "المبلغ", "شرط الاستحقاق"], rows[0]);
        Assert.Equal(["1", "40%", "19" + Nbsp + "599,99" + Nbsp + "درهم", "بعد توقيع الاتفاقية من طرف حامل المشروع وتوقيعها المضاد من طرف الممول"], rows[1]);
        Assert.Equal(["2", "30%", "14" + Nbsp + "700,00" + Nbsp + "درهم", "بعد قبول التقرير المرحلي رقم 1"], rows[2]);
        Assert.Equal(["3", "30%", "14" + Nbsp + "700,00" + Nbsp + "درهم", "بعد قبول التقرير المرحلي رقم 2"], rows[3]);
        Assert.Equal(["المجموع", "100%", "48" + Nbsp + "999,99" + Nbsp + "درهم", ""], rows[4]);
    }

    [Fact]
    public void The_French_agreement_is_left_to_right_with_the_French_texts()
    {
        using var document = Open(AgreementDocument.Build(Terms(Language.Fr)));
        var body = document.MainDocumentPart!.Document.Body!;

        Assert.Empty(body.Descendants<BiDi>());
        Assert.Empty(body.Descendants<RightToLeftText>());
        Assert.Empty(body.Descendants<BiDiVisual>());
        Assert.All(body.Descendants<Run>(), r => Assert.Equal("fr-FR", r.RunProperties!.Languages!.Val!.Value));

        var text = Text(document);
        Assert.StartsWith("Convention de financement\nProgramme Mouazara\nÉdition : Cinquième édition 2026\nDossier n° generic-ab12cd34ef\nÉtablie le 2 décembre 2026", text, StringComparison.Ordinal);
        Assert.Contains(Ministry.Fr + ", ci-après dénommé « le bailleur »", text, StringComparison.Ordinal);
        Assert.Contains("Association Tissage Amizmiz, association, immatriculée sous le n° ASSO-2019-0042, représentée par Mina Tazi, en sa qualité de Présidente",
            text, StringComparison.Ordinal);
        Assert.Contains("« Atelier de tissage féminin », secteur Artisanat, région Marrakech-Safi", text, StringComparison.Ordinal);
        Assert.Contains("Le bailleur accorde au porteur une subvention de 48" + Nbsp + "999,99" + Nbsp + "MAD.", text, StringComparison.Ordinal);
        Assert.Contains("Nombre de rapports d'avancement exigés : 2. Chaque rapport est remis dans un délai de 30 jours", text, StringComparison.Ordinal);
        Assert.Contains("rapport final", text, StringComparison.Ordinal);
        Assert.Contains("attestation bancaire versée au dossier (empreinte SHA-256 : " + CertificateHash + ")", text, StringComparison.Ordinal);
        Assert.Contains("Pour le bailleur", text, StringComparison.Ordinal);
        Assert.Contains("Pour le porteur", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => c is >= '\u0600' and <= '\u06FF');

        var rows = PlanRows(document);
        Assert.Equal(["Tranche", "Part", "Montant", "Condition de versement"], rows[0]);
        Assert.Equal(["1", "40" + Nbsp + "%", "19" + Nbsp + "599,99" + Nbsp + "MAD", "à la signature de la convention par le porteur et sa contresignature par le bailleur"], rows[1]);
        Assert.Equal(["2", "30" + Nbsp + "%", "14" + Nbsp + "700,00" + Nbsp + "MAD", "après acceptation du rapport d'avancement n° 1"], rows[2]);
        Assert.Equal(["3", "30" + Nbsp + "%", "14" + Nbsp + "700,00" + Nbsp + "MAD", "après acceptation du rapport d'avancement n° 2"], rows[3]);
        Assert.Equal(["Total", "100" + Nbsp + "%", "48" + Nbsp + "999,99" + Nbsp + "MAD", ""], rows[4]);

        var footer = document.MainDocumentPart.FooterParts.Single().Footer.InnerText;
        Assert.Equal("Convention de financement — dossier n° generic-ab12cd34ef — édition ed-2026", footer);
    }

    [Fact]
    public void A_known_RIB_is_written_instead_of_the_certificate_hash_and_kept_in_order_in_Arabic()
    {
        const string rib = "011 780 0000123456789012 34";
        using (var french = Open(AgreementDocument.Build(Terms(Language.Fr, rib: rib))))
        {
            var text = Text(french);
            Assert.Contains("compte bancaire du porteur, RIB : " + rib + ".", text, StringComparison.Ordinal);
            Assert.DoesNotContain(CertificateHash, text, StringComparison.Ordinal);
        }

        using var arabic = Open(AgreementDocument.Build(Terms(Language.Ar, rib: rib)));
        Assert.Contains("(RIB): \u202A" + rib + "\u202C.", Text(arabic), StringComparison.Ordinal);

        using var none = Open(AgreementDocument.Build(Terms(Language.Fr, certificate: null)));
        Assert.Contains("attestation bancaire que le porteur s'engage à fournir", Text(none), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Arabic_agreement_names_the_bank_certificate_by_its_hash_when_no_RIB_is_known()
    {
        using var document = Open(AgreementDocument.Build(Terms(Language.Ar)));
        Assert.Contains("الشهادة البنكية المودعة بالملف (بصمة SHA-256: " + CertificateHash + ")", Text(document), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.Ar)]
    [InlineData(Language.Fr)]
    public void The_document_is_valid_Open_XML(Language language)
    {
        using var document = Open(AgreementDocument.Build(Terms(language)));
        var errors = new OpenXmlValidator(FileFormatVersions.Office2007).Validate(document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
        var recent = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document).ToList();
        Assert.True(recent.Count == 0, string.Join("\n", recent.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public async Task The_same_terms_give_the_same_bytes_whenever_they_are_built()
    {
        var terms = Terms(Language.Ar);
        var first = AgreementDocument.Build(terms);

        // Past the zip format's two-second clock resolution, so a timestamp taken from the clock would show.
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var second = AgreementDocument.Build(terms with { Tranches = [.. terms.Tranches] });

        Assert.Equal(Convert.ToHexString(SHA256.HashData(first)), Convert.ToHexString(SHA256.HashData(second)));
        using var zip = new ZipArchive(new MemoryStream(first), ZipArchiveMode.Read);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2026, 12, 2), e.LastWriteTime.DateTime));
        using var document = Open(first);
        Assert.Equal(new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), document.PackageProperties.Created!.Value.ToUniversalTime());

        Assert.NotEqual(first, AgreementDocument.Build(terms with { BankCertificateSha256 = new string('0', 64) }));
    }

    [Fact]
    public void Tranches_that_do_not_add_up_to_the_award_are_refused_rather_than_printed()
    {
        var terms = Terms(Language.Fr);
        Assert.Throws<ArgumentException>(() => AgreementDocument.Build(terms with { AmountCentimes = terms.AmountCentimes + 1 }));
    }

    [Fact]
    public void Each_tranche_says_what_it_waits_for_with_progress_reports_numbered_in_order()
    {
        var conditions = AgreementTermsReader.Tranches(
        [
            new AwardTranche(2, 30, 300, DocumentTypes.ProgressReport),
            new AwardTranche(1, 40, 400, null),
            new AwardTranche(3, 20, 200, null),
            new AwardTranche(4, 10, 100, DocumentTypes.ProgressReport),
        ]).Select(t => (t.Number, t.Condition)).ToList();

        Assert.Equal(
        [
            (1, TrancheCondition.OnSignature),
            (2, TrancheCondition.AfterReport(1)),
            (3, TrancheCondition.AfterTranche(2)),
            (4, TrancheCondition.AfterReport(2)),
        ], conditions);
    }
}
