namespace Mouazara.Selection;

/// <summary>
/// A staff decision that overrides the optimisation for one application: <c>in</c> (must be selected, with any
/// funder that accepts it) or <c>out</c> (must not be selected, nor waitlisted). The reason is echoed in the
/// proposal and, for <c>out</c>, given as the application's reason.
/// </summary>
public sealed record SelectionPin(string ApplicationId, string Pin, string Reason)
{
    public const string In = "in";
    public const string Out = "out";
}
