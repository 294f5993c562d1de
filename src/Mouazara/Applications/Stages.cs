namespace Mouazara.Applications;

public static class Stages
{
    public const string Documents = "documents";
    public const string Eligibility = "eligibility";
    public const string Committee = "committee";
    public const string Agreement = "agreement";
    public const string Disbursement = "disbursement";

    /// <summary>The stage a report's upload link carries: which report (numbered per application) it submits.</summary>
    public static string Report(int number) => "report-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParseReport(string? stage, out int number)
    {
        number = 0;
        return stage is not null && stage.StartsWith("report-", StringComparison.Ordinal)
            && int.TryParse(stage.AsSpan(7), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
