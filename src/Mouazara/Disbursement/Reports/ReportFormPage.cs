using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Mouazara.Applications;
using Mouazara.Kernel;
using Mouazara.Texts;

namespace Mouazara.Disbursement.Reports;

/// <summary>The report form: figures, narrative and file, in the applicant's language, one column on a phone.</summary>
public static class ReportFormPage
{
    const string Style = "<style>.report label{display:block;margin:.7rem 0}.report input,.report textarea{display:block;width:100%;max-width:24rem;"
        + "box-sizing:border-box;font-size:1rem;padding:.45rem;margin-top:.2rem}.report textarea{max-width:100%}.report .field-error{color:#c1272d;margin:.2rem 0}"
        + ".report button{margin-top:1rem;width:100%;max-width:24rem}</style>";

    static readonly (string Name, Func<Bilingual> Label, bool Amount)[] Numbers =
    [
        ("jobsCreated", () => PageTexts.Report.JobsCreated, false),
        ("jobsMaintained", () => PageTexts.Report.JobsMaintained, false),
        ("beneficiaries", () => PageTexts.Report.Beneficiaries, false),
        ("beneficiariesWomen", () => PageTexts.Report.BeneficiariesWomen, false),
        ("amountSpent", () => PageTexts.Report.AmountSpent, true),
    ];

    public static IResult Render(ApplicationEntity app, ReportEntity request, IReadOnlyDictionary<string, string>? values = null,
        IReadOnlyDictionary<string, ReportFieldError>? errors = null)
    {
        var l = app.ApplicantLanguage;
        values ??= new Dictionary<string, string>();
        errors ??= new Dictionary<string, ReportFieldError>();
        var title = DocumentTypes.All[request.Type].In(l);
        var html = new StringBuilder(Style)
            .Append("<p>").Append(Page.Encode(PageTexts.Upload.ApplicationNumber.In(l) + " " + app.ApplicationId)).Append(" — ")
            .Append(Page.Encode(PageTexts.Report.Number.In(l) + " " + request.Number.ToString(CultureInfo.InvariantCulture)));
        if (request.Tranche is { } tranche)
        {
            html.Append(' ').Append(Page.Encode(PageTexts.Report.ForTranche.In(l) + " " + tranche.ToString(CultureInfo.InvariantCulture)));
        }

        html.Append("</p>");
        if (errors.Count > 0)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(Page.Encode(PageTexts.Report.FixErrors.In(l))).Append("</p>");
        }
        else
        {
            html.Append("<p>").Append(Page.Encode(PageTexts.Report.Intro.In(l))).Append("</p>");
        }

        html.Append("<form class=\"report\" method=\"post\" enctype=\"multipart/form-data\" novalidate>");
        foreach (var (name, label, amount) in Numbers)
        {
            html.Append("<label>").Append(Page.Encode(label().In(l)))
                .Append("<input name=\"").Append(name).Append("\" type=\"text\" dir=\"ltr\" autocomplete=\"off\" inputmode=\"")
                .Append(amount ? "decimal" : "numeric").Append("\" value=\"").Append(Page.Encode(values.GetValueOrDefault(name))).Append("\"></label>");
            Error(html, errors, name, l);
        }

        html.Append("<label>").Append(Page.Encode(PageTexts.Report.Narrative.In(l)))
            .Append("<textarea name=\"narrative\" maxlength=\"").Append(ReportFigures.MaxNarrative).Append("\" dir=\"auto\">")
            .Append(Page.Encode(values.GetValueOrDefault("narrative"))).Append("</textarea></label>");
        Error(html, errors, "narrative", l);
        html.Append("<label>").Append(Page.Encode(PageTexts.Upload.FileField.In(l)))
            .Append("<input type=\"file\" name=\"file\" accept=\"application/pdf,image/jpeg,image/png\"></label>");
        Error(html, errors, "file", l);
        html.Append("<button type=\"submit\">").Append(Page.Encode(PageTexts.Report.Send.In(l))).Append("</button></form>");
        return Page.Render(l, title, html.ToString(), errors.Count > 0 ? 422 : 200);
    }

    static void Error(StringBuilder html, IReadOnlyDictionary<string, ReportFieldError> errors, string name, Language l)
    {
        if (errors.TryGetValue(name, out var error))
        {
            html.Append("<p class=\"field-error\" data-field=\"").Append(name).Append("\">").Append(Page.Encode(error.Page.In(l))).Append("</p>");
        }
    }
}
