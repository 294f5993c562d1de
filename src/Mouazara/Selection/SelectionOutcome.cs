namespace Mouazara.Selection;

/// <summary>
/// The edition's selection told one application its outcome, raised when staff confirm a proposal (or a waitlist
/// promotion). Carries ids and figures only; the reasons in words are in the read model.
/// </summary>
public sealed record SelectionOutcome(
    string EventId,
    string Outcome,
    string? Funder = null,
    long? AmountCentimes = null,
    int? Rank = null);

/// <summary>The outcomes an application can receive from its edition's selection.</summary>
public static class SelectionOutcomes
{
    public const string Selected = "selected";
    public const string Waitlisted = "waitlisted";
    public const string NotSelected = "not-selected";
}
