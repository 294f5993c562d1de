namespace Mouazara.Selection;

/// <summary>Staff pin an application in or out of the portfolio, with the reason the history keeps.</summary>
public sealed record OverrideRequest(string? ApplicationId, string? Pin, string? Reason);
