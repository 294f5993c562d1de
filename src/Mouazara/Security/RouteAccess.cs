namespace Mouazara.Security;

/// <summary>
/// Who may call a route, declared once per route in <c>ApiRouteDocs</c>: the OpenAPI document's security and the
/// authorization matrix test both read it, so the description and the proof cannot disagree.
/// </summary>
public sealed record RouteAccess(AccessKind Kind, string? LinkPurpose = null)
{
    /// <summary>Anyone; the answer carries nothing personal.</summary>
    public static readonly RouteAccess Public = new(AccessKind.Public);

    /// <summary>A bearer token with the app role <see cref="Roles.Staff"/>.</summary>
    public static readonly RouteAccess Staff = new(AccessKind.Staff);

    /// <summary>A bearer token with the app role <see cref="Roles.Finance"/>.</summary>
    public static readonly RouteAccess Finance = new(AccessKind.Finance);

    /// <summary>A bearer token with either role (what each may see is then up to the handler).</summary>
    public static readonly RouteAccess StaffOrFinance = new(AccessKind.StaffOrFinance);

    /// <summary>A form provider's delivery, authenticated the provider's own way (<c>{provider}</c> in the path).</summary>
    public static readonly RouteAccess ProviderWebhook = new(AccessKind.ProviderWebhook);

    /// <summary>The holder of a signed link of one purpose (see <see cref="LinkPurposes"/>): the token is in the path.</summary>
    public static RouteAccess Link(string purpose) => new(AccessKind.SignedLink, purpose);

    /// <summary>The app roles of which any one lets a bearer in; empty for the other kinds.</summary>
    public IReadOnlyList<string> Roles => Kind switch
    {
        AccessKind.Staff => [Security.Roles.Staff],
        AccessKind.Finance => [Security.Roles.Finance],
        AccessKind.StaffOrFinance => [Security.Roles.Staff, Security.Roles.Finance],
        _ => [],
    };

    public override string ToString() => Kind == AccessKind.SignedLink ? $"signed {LinkPurpose} link" : Kind.ToString();
}

public enum AccessKind
{
    Public,
    Staff,
    Finance,
    StaffOrFinance,
    SignedLink,
    ProviderWebhook,
}
