namespace Mouazara.Selection;

/// <summary>
/// A shortlisted application as selection sees it: who applies (type, region, sector, women-led, rural), what it
/// asks for, and its committee score (the members' average, 0 to 100 with two decimals).
/// </summary>
/// <param name="ApplicationId">The application's id; unique within a request.</param>
/// <param name="ApplicantType">association, network or cooperative: matched against each funder's types.</param>
/// <param name="Region">ISO 3166-2:MA code (MA-01..MA-12).</param>
/// <param name="Sector">The project's sector, as the edition names it.</param>
/// <param name="WomenLed">Counts towards the women-led share.</param>
/// <param name="Rural">Counts towards the rural share.</param>
/// <param name="AmountCentimes">The amount requested, in centimes.</param>
/// <param name="Score">Committee average, 0..100, two decimals (more are rounded half away from zero).</param>
public sealed record SelectionCandidate(
    string ApplicationId,
    string ApplicantType,
    string Region,
    string Sector,
    bool WomenLed,
    bool Rural,
    long AmountCentimes,
    decimal Score);
