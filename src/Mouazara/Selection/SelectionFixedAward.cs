namespace Mouazara.Selection;

/// <summary>
/// An award already confirmed: the application stays selected with this funder, whatever else changes (used when
/// the waitlist moves after a withdrawal).
/// </summary>
public sealed record SelectionFixedAward(string ApplicationId, string FunderId);
