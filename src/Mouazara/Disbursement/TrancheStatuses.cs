namespace Mouazara.Disbursement;

public static class TrancheStatuses
{
    public const string Pending = "pending";
    public const string Due = "due";
    public const string Released = "released";

    /// <summary>Never to be paid: the application was withdrawn or its award lapsed.</summary>
    public const string Cancelled = "cancelled";
}
