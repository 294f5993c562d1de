namespace Mouazara.Disbursement.Reports;

/// <summary>What staff decide on a report's version.</summary>
public static class ReportDecisions
{
    public const string Accept = "accept";
    public const string ChangesRequested = "changes-requested";
}
