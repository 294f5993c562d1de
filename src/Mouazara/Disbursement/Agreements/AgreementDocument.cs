using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Mouazara.Documents;
using Mouazara.Kernel;
using Mouazara.Texts;
using Language = Mouazara.Kernel.Language;
using RunLanguages = DocumentFormat.OpenXml.Wordprocessing.Languages;

namespace Mouazara.Disbursement.Agreements;

/// <summary>
/// The funding agreement as a Word document (.docx) in the applicant's language, which any word processor shows and
/// prints. Arabic is written right to left the way Word itself writes it (section, paragraphs and tables marked
/// bidirectional, runs marked right-to-left, an Arabic language tag and a complex-script font), in logical order, so
/// the word processor joins and shapes the letters. The bytes depend on the terms alone: no clock, no random part
/// names, fixed zip timestamps, so the SHA-256 of a document is stable.
/// </summary>
public static class AgreementDocument
{
    public static FileKinds.Kind Kind => FileKinds.Docx;

    const string Font = "Arial";
    const string ArabicLanguage = "ar-MA";
    const string FrenchLanguage = "fr-FR";

    // A4 in twentieths of a point, margins of 2 cm; the text is 9638 twips wide.
    const int PageWidth = 11906;
    const int PageHeight = 16838;
    const int Margin = 1134;
    const int TextWidth = PageWidth - (2 * Margin);

    public static string FileName(AgreementTerms terms) => "convention-" + terms.ApplicationId + Kind.Extension;

    public static byte[] Build(AgreementTerms terms)
    {
        var expected = terms.Tranches.Sum(t => t.AmountCentimes);
        if (expected != terms.AmountCentimes)
        {
            throw new ArgumentException($"The tranches add up to {expected} centimes, not the award's {terms.AmountCentimes}.", nameof(terms));
        }

        var writer = new Writer(terms.Language);
        using var package = new MemoryStream();
        using (var document = WordprocessingDocument.Create(package, WordprocessingDocumentType.Document))
        {
            // Every relationship gets a fixed id: ids the SDK would make up differ from one run to the next.
            var main = document.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rIdMain");
            main.AddNewPart<StyleDefinitionsPart>("rIdStyles").Styles = writer.Styles();
            main.AddNewPart<FooterPart>("rIdFooter").Footer = new Footer(writer.Paragraph(
                AgreementTexts.Footer(terms.ApplicationId, terms.Edition), size: 16, justification: JustificationValues.Center));
            main.Document = new Document(Body(terms, writer));
            Properties(document.AddNewPart<CoreFilePropertiesPart>("application/vnd.openxmlformats-package.core-properties+xml", "rIdCore"), terms);
        }

        return Normalised(package.ToArray(), terms.IssuedOn);
    }

    static Body Body(AgreementTerms terms, Writer w)
    {
        var body = new Body();
        body.Append(w.Paragraph(AgreementTexts.Title, bold: true, size: 36, justification: JustificationValues.Center, after: 120));
        body.Append(w.Paragraph(AgreementTexts.Programme, bold: true, size: 24, justification: JustificationValues.Center, after: 60));
        body.Append(w.Paragraph(AgreementTexts.EditionLine(terms.EditionName), justification: JustificationValues.Center, after: 60));
        body.Append(w.Paragraph(AgreementTexts.ApplicationLine(terms.ApplicationId), justification: JustificationValues.Center, after: 60));
        body.Append(w.Paragraph(AgreementTexts.IssuedOn(terms.IssuedOn), justification: JustificationValues.Center, after: 360));

        // The parties.
        var applicant = terms.Applicant;
        body.Append(w.Paragraph(AgreementTexts.Between, bold: true));
        body.Append(w.Paragraph(AgreementTexts.FunderParty(terms.FunderName)));
        body.Append(w.Paragraph(AgreementTexts.And));
        body.Append(w.Paragraph(AgreementTexts.ApplicantParty(applicant.Name, applicant.Type, applicant.RegistrationNumber,
            applicant.Representative.Name, applicant.Representative.Role, IsWoman(applicant.Representative.Gender))));
        body.Append(w.Paragraph(AgreementTexts.Agreed, bold: true));

        var article = 0;
        body.Append(w.Heading(AgreementTexts.Article(++article, AgreementTexts.PurposeHeading)));
        body.Append(w.Paragraph(AgreementTexts.Purpose(terms.Project.Title, Label(Sectors.All, terms.Project.Sector),
            Label(Regions.All, terms.Project.Region), terms.EditionName)));

        body.Append(w.Heading(AgreementTexts.Article(++article, AgreementTexts.AmountHeading)));
        body.Append(w.Paragraph(AgreementTexts.Grant(terms.AmountCentimes)));

        body.Append(w.Heading(AgreementTexts.Article(++article, AgreementTexts.TranchesHeading)));
        body.Append(w.Paragraph(AgreementTexts.TranchesIntro));
        body.Append(TranchePlan(terms, w));

        body.Append(w.Heading(AgreementTexts.Article(++article, AgreementTexts.ReportingHeading)));
        body.Append(w.Paragraph(AgreementTexts.ProgressReports(terms.Reporting.ProgressReports, terms.Reporting.Deadline)));
        if (terms.Reporting.FinalReport)
        {
            body.Append(w.Paragraph(AgreementTexts.FinalReport(terms.Reporting.Deadline)));
        }

        body.Append(w.Paragraph(AgreementTexts.ReportContents));

        body.Append(w.Heading(AgreementTexts.Article(++article, AgreementTexts.BankHeading)));
        body.Append(w.Paragraph(terms.BankAccount is { } rib ? AgreementTexts.BankAccount(rib)
            : terms.BankCertificateSha256 is { } sha ? AgreementTexts.BankCertificate(sha)
            : AgreementTexts.BankCertificateToCome));

        body.Append(w.Heading(AgreementTexts.Article(++article, AgreementTexts.EntryHeading)));
        body.Append(w.Paragraph(AgreementTexts.Entry));
        body.Append(w.Paragraph(AgreementTexts.Copies, after: 240));
        body.Append(Signatures(terms, w));

        var section = new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = "rIdFooter" },
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = Margin, Right = (uint)Margin, Bottom = Margin, Left = (uint)Margin, Header = 567, Footer = 567, Gutter = 0 });
        if (w.RightToLeft)
        {
            section.Append(new BiDi());
        }

        body.Append(section);
        return body;
    }

    static Table TranchePlan(AgreementTerms terms, Writer w)
    {
        int[] widths = [1100, 1100, 2400, TextWidth - 4600];
        var table = w.Table(widths, borders: true);
        table.Append(w.Row(widths, header: true, AgreementTexts.TrancheColumn, AgreementTexts.PercentColumn, AgreementTexts.AmountColumn, AgreementTexts.ConditionColumn));
        foreach (var tranche in terms.Tranches)
        {
            var number = tranche.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            table.Append(w.Row(widths, header: false, new Bilingual(number, number), AgreementTexts.Percent(tranche.Percent),
                AgreementTexts.Amount(tranche.AmountCentimes), Condition(tranche.Condition)));
        }

        table.Append(w.Row(widths, header: true, AgreementTexts.Total, AgreementTexts.Percent(terms.Tranches.Sum(t => t.Percent)),
            AgreementTexts.Amount(terms.AmountCentimes), new Bilingual("", "")));
        return table;
    }

    static Bilingual Condition(TrancheCondition condition) => condition.Kind switch
    {
        TrancheConditionKind.OnSignature => AgreementTexts.OnSignature,
        TrancheConditionKind.AfterTranche => AgreementTexts.AfterTranche(condition.Number ?? 0),
        TrancheConditionKind.AfterReport => AgreementTexts.AfterReport(condition.Number ?? 0),
        _ => AgreementTexts.AfterDocument(condition.DocumentType is { } type ? Label(DocumentTypes.All, type) : new Bilingual("", "")),
    };

    /// <summary>Two blocks side by side, the funder first (on the right in Arabic): who signs, their name and role, date, signature.</summary>
    static Table Signatures(AgreementTerms terms, Writer w)
    {
        int[] widths = [TextWidth / 2, TextWidth - (TextWidth / 2)];
        var table = w.Table(widths, borders: false);
        table.Append(w.Row(widths, header: false, AgreementTexts.ForFunder, AgreementTexts.ForApplicant));
        table.Append(w.Row(widths, header: false, terms.FunderName, new Bilingual(terms.Applicant.Name, terms.Applicant.Name)));
        var representative = terms.Applicant.Representative.Name + " — " + terms.Applicant.Representative.Role;
        table.Append(w.Row(widths, header: false, AgreementTexts.NameAndRole,
            new Bilingual(AgreementTexts.NameAndRole.Ar + " " + representative, AgreementTexts.NameAndRole.Fr + " " + representative)));
        table.Append(w.Row(widths, header: false, AgreementTexts.DateLabel, AgreementTexts.DateLabel));
        table.Append(w.Row(widths, header: false, AgreementTexts.SignatureLabel, AgreementTexts.SignatureLabel));
        return table;
    }

    static Bilingual Label(IReadOnlyDictionary<string, Bilingual> vocabulary, string code) =>
        vocabulary.TryGetValue(code, out var label) ? label : new Bilingual(code, code);

    static bool IsWoman(string gender) =>
        gender.Trim().ToLowerInvariant() is "female" or "f" or "woman" or "femme" or "أنثى" or "امرأة";

    /// <summary>Title and dates as document properties, dated on the day of issue rather than now.</summary>
    static void Properties(CoreFilePropertiesPart part, AgreementTerms terms)
    {
        var when = terms.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z";
        var title = System.Security.SecurityElement.Escape(AgreementTexts.Title.In(terms.Language) + " — " + terms.ApplicationId);
        var creator = System.Security.SecurityElement.Escape(AgreementTexts.Programme.In(terms.Language));
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>" + title + "</dc:title><dc:creator>" + creator + "</dc:creator>"
            + "<dc:language>" + (terms.Language == Language.Ar ? ArabicLanguage : FrenchLanguage) + "</dc:language>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:created>"
            + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:modified>"
            + "</cp:coreProperties>";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        part.FeedData(stream);
    }

    /// <summary>The same zip, each entry in the same order with the same content, stamped with the day of issue instead of the clock.</summary>
    static byte[] Normalised(byte[] package, DateOnly issuedOn)
    {
        var stamp = new DateTimeOffset(issuedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = stamp;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }

    /// <summary>Paragraphs, runs and tables in one language, marked right to left for Arabic.</summary>
    sealed class Writer(Language language)
    {
        public bool RightToLeft { get; } = language == Language.Ar;

        public Paragraph Paragraph(Bilingual text, bool bold = false, int size = 22, JustificationValues? justification = null, int after = 120, bool keepNext = false)
        {
            var properties = new ParagraphProperties();
            if (keepNext)
            {
                properties.Append(new KeepNext());
            }

            if (RightToLeft)
            {
                properties.Append(new BiDi());
            }

            properties.Append(new SpacingBetweenLines { After = after.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (justification is { } j)
            {
                properties.Append(new Justification { Val = j });
            }

            var paragraph = new Paragraph(properties);
            var words = text.In(language);
            if (words.Length > 0)
            {
                paragraph.Append(Run(words, bold, size));
            }

            return paragraph;
        }

        public Paragraph Heading(Bilingual text) => Paragraph(text, bold: true, size: 24, after: 80, keepNext: true);

        Run Run(string text, bool bold, int size)
        {
            var properties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font });
            if (bold)
            {
                properties.Append(new Bold(), new BoldComplexScript());
            }

            var points = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
            properties.Append(new FontSize { Val = points }, new FontSizeComplexScript { Val = points });
            if (RightToLeft)
            {
                properties.Append(new RightToLeftText());
            }

            properties.Append(RightToLeft ? new RunLanguages { Val = FrenchLanguage, Bidi = ArabicLanguage } : new RunLanguages { Val = FrenchLanguage });
            return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        }

        public Table Table(int[] widths, bool borders)
        {
            var properties = new TableProperties();
            if (RightToLeft)
            {
                properties.Append(new BiDiVisual());
            }

            properties.Append(new TableWidth { Width = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            var line = borders ? BorderValues.Single : BorderValues.None;
            properties.Append(new TableBorders(
                new TopBorder { Val = line, Size = 4 }, new LeftBorder { Val = line, Size = 4 }, new BottomBorder { Val = line, Size = 4 },
                new RightBorder { Val = line, Size = 4 }, new InsideHorizontalBorder { Val = line, Size = 4 }, new InsideVerticalBorder { Val = line, Size = 4 }));
            properties.Append(new TableLayout { Type = TableLayoutValues.Fixed });
            return new Table(properties, new TableGrid(widths.Select(width => new GridColumn { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        }

        public TableRow Row(int[] widths, bool header, params Bilingual[] cells)
        {
            var row = new TableRow();
            if (header)
            {
                row.Append(new TableRowProperties(new CantSplit(), new TableHeader()));
            }

            for (var i = 0; i < cells.Length; i++)
            {
                var properties = new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
                if (header)
                {
                    properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E7E6E6" });
                }

                row.Append(new TableCell(properties, Paragraph(cells[i], bold: header, size: 20, after: 40)));
            }

            return row;
        }

        public Styles Styles() => new(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font },
                new FontSize { Val = "22" }, new FontSizeComplexScript { Val = "22" },
                new RunLanguages { Val = FrenchLanguage, Bidi = ArabicLanguage })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
    }
}
