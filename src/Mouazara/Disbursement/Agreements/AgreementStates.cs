namespace Mouazara.Disbursement.Agreements;

/// <summary>Where an application's funding agreement stands.</summary>
public static class AgreementStates
{
    public const string Sent = "sent";

    /// <summary>The applicant's signed copy is in; staff have yet to countersign it.</summary>
    public const string Signed = "signed";
    public const string Countersigned = "countersigned";
    public const string SentBack = "sent-back";
}
