namespace Mouazara.Applications;

public static class Stages
{
    public const string Documents = "documents";
    public const string Eligibility = "eligibility";
    public const string Committee = "committee";
    public const string Agreement = "agreement";
    public const string Disbursement = "disbursement";
}
