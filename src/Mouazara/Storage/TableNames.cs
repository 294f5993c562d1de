namespace Mouazara.Storage;

/// <summary>Every table the product keeps; the infrastructure template creates the same list.</summary>
public static class TableNames
{
    public const string Editions = "Editions";
    public const string Applications = "Applications";
    public const string ApplicationIndex = "ApplicationIndex";
    public const string Documents = "Documents";
    public const string ReviewTasks = "ReviewTasks";
    public const string Votes = "Votes";
    public const string Tranches = "Tranches";
    public const string DisbursementLedger = "DisbursementLedger";
    public const string AuditLog = "AuditLog";
    public const string Emails = "Emails";
    public const string IntakeDeliveries = "IntakeDeliveries";
    public const string Selections = "Selections";
    public const string Reports = "Reports";
    public const string DocumentReads = "DocumentReads";
    public const string ReviewRevisions = "ReviewRevisions";
    public const string IndicatorFacts = "IndicatorFacts";
    public const string ReviewAssignments = "ReviewAssignments";

    public static readonly IReadOnlyList<string> All =
    [
        Editions, Applications, ApplicationIndex, Documents, ReviewTasks, Votes, Tranches,
        DisbursementLedger, AuditLog, Emails, IntakeDeliveries, Selections, Reports, DocumentReads,
        ReviewRevisions,
        IndicatorFacts,
        ReviewAssignments,
    ];
}
