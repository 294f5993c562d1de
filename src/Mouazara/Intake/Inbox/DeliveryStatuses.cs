namespace Mouazara.Intake.Inbox;

/// <summary>Where a provider's delivery stands in the inbox.</summary>
public static class DeliveryStatuses
{
    /// <summary>Kept raw and authenticated; being mapped, or waiting to be re-processed.</summary>
    public const string Received = "received";

    /// <summary>Mapped into an application (its files are fetched, then its lifecycle starts).</summary>
    public const string Accepted = "accepted";

    /// <summary>Could not be mapped or failed validation; kept with its reasons until the mapping is fixed and it is re-processed.</summary>
    public const string Rejected = "rejected";

    /// <summary>An event that is not a submission (e.g. a Typeform partial response); kept, never processed.</summary>
    public const string Ignored = "ignored";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Received, Accepted, Rejected, Ignored };
}
