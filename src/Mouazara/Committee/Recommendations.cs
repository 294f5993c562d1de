namespace Mouazara.Committee;

public static class Recommendations
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Inconclusive = "inconclusive";
}
