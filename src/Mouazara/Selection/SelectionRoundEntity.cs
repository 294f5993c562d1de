




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
}
