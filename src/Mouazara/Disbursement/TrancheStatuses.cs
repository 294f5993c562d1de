namespace Mouazara.Disbursement;

public static class TrancheStatuses
{
    public const string Pending = "pending";
    public const string Due = "due";
    public const string Released = "released";
}
