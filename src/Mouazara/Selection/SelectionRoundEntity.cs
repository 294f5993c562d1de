




using Mouazara.Storage;

namespace Mouazara.Selection;

/// <summary>An edition's selection round (PK edition, RK "round"): its status, the current proposal and who acted on it.</summary>
public sealed class SelectionRoundEntity : Entity
{
    public const string Key = "round";

    public string Status { get; set; } = SelectionRoundStatuses.Open;

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public int Version { get; set; }

    /// <summary>The proposal's JSON, in a blob: an edition of thousands of applications outgrows a table row.</summary>
    public string? ProposalBlob { get; set; }

    public DateTimeOffset? ProposedAt { get; set; }

    /// <summary>The last person who proposed or overrode; a confirmation must come from someone else.</summary>
    public string? ProposedBy { get; set; }

    public string? ConfirmedBy { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The number of the waitlist promotion the current proposal is (1, 2, …); null for the round's first proposal.</summary>
    public int? Promotion { get; set; }

    /// <summary>The application whose returned money the current promotion hands on.</summary>
    public string? PromotionTrigger { get; set; }

    /// <summary>When staff closed the waitlist: nobody is promoted any more and every waitlisted application was told it is not funded.</summary>
    public DateTimeOffset? WaitlistClosedAt { get; set; }

    public string? WaitlistClosedBy { get; set; }
}
