namespace Mouazara.Selection;

/// <summary>What the read model keeps of an application's selection outcome, for staff and for the applicant's emails.</summary>
public sealed record ApplicationSelection(
    string Outcome,
    int Version,
    string? Funder,
    decimal? Amount,
    int? Rank,
    decimal Score,
    decimal? CutOffScore,
    IReadOnlyList<SelectionReason> Reasons,
    string? Promotion = null);
