namespace Mouazara.Selection;

/// <summary>
/// One source of money: its envelope for the edition and whom it may pay (applicant types, and regions — an empty
/// list means every region). A candidate may be paid by any funder that accepts both its type and its region.
/// The order of the funders in a request is their order of preference when two could pay the same project.
/// </summary>
public sealed record SelectionFunder(
    string Id,
    long EnvelopeCentimes,
    IReadOnlyList<string> ApplicantTypes,
    IReadOnlyList<string> Regions);
