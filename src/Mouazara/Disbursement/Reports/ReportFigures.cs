using System.Globalization;
using System.Text;
using Mouazara.Kernel;
using Mouazara.Texts;

namespace Mouazara.Disbursement.Reports;

/// <summary>The figures the programme reports on, as a report's version holds them once valid.</summary>
public sealed record ReportFigures(int JobsCreated, int JobsMaintained, int Beneficiaries, int BeneficiariesWomen, long AmountSpentCentimes, string Narrative)
{
    public const int MaxCount = 1_000_000;
    public const int MaxNarrative = 2000;
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>Checks the values as sent; each invalid field gets a message for programs (English) and one for the form (the applicant's language).</summary>
    public static (ReportFigures? Figures, Dictionary<string, ReportFieldError> Errors) Validate(
        int? jobsCreated, int? jobsMaintained, int? beneficiaries, int? beneficiariesWomen, decimal? amountSpent, string? narrative)
    {
        var errors = new Dictionary<string, ReportFieldError>(StringComparer.Ordinal);
        Count("jobsCreated", jobsCreated, errors);
        Count("jobsMaintained", jobsMaintained, errors);
        Count("beneficiaries", beneficiaries, errors);
        Count("beneficiariesWomen", beneficiariesWomen, errors);
        if (!errors.ContainsKey("beneficiaries") && !errors.ContainsKey("beneficiariesWomen") && beneficiariesWomen > beneficiaries)
        {
            errors["beneficiariesWomen"] = new("Women beneficiaries cannot outnumber beneficiaries.", PageTexts.Report.WomenAtMost);
        }

        var centimes = 0L;
        if (amountSpent is not { } amount || amount > MaxAmount || !Money.TryToCentimes(amount, out centimes))
        {
            errors["amountSpent"] = new("Required: MAD spent so far, at least 0, with at most two decimals.", PageTexts.Report.Amount);
        }

        var text = narrative?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxNarrative)
        {
            errors["narrative"] = new($"Required: 1 to {MaxNarrative} characters.", PageTexts.Report.NarrativeLength);
        }

        return errors.Count > 0 ? (null, errors)
            : (new ReportFigures(jobsCreated!.Value, jobsMaintained!.Value, beneficiaries!.Value, beneficiariesWomen!.Value, centimes, text!), errors);
    }

    static void Count(string field, int? value, Dictionary<string, ReportFieldError> errors)
    {
        if (value is not (>= 0 and <= MaxCount))
        {
            errors[field] = new($"Required: a whole number from 0 to {MaxCount}.", PageTexts.Report.WholeNumber);
        }
    }

    /// <summary>A count typed in the form; Arabic-Indic digits and spaces are accepted, as phones type them.</summary>
    public static int? ParseCount(string? typed) =>
        int.TryParse(Normalise(typed), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>An amount typed in the form, with a point or a comma before the centimes.</summary>
    public static decimal? ParseAmount(string? typed) =>
        decimal.TryParse(Normalise(typed)?.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    static string? Normalise(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var text = new StringBuilder(typed.Length);
        foreach (var c in typed)
        {
            if (c is >= '\u0660' and <= '\u0669')
            {
                text.Append((char)('0' + (c - '\u0660')));
            }
            else if (c is >= '\u06F0' and <= '\u06F9')
            {
                text.Append((char)('0' + (c - '\u06F0')));
            }
            else if (c == '\u066B')
            {
                text.Append('.'); // Arabic decimal separator
            }
            else if (!char.IsWhiteSpace(c) && c != '\u066C')
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

/// <summary>One invalid field: the problem+json message and the form's message.</summary>
public sealed record ReportFieldError(string Api, Bilingual Page);
