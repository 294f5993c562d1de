namespace Mouazara.Security;

/// <summary>
/// Staff and finance calls carry a bearer JWT. On Azure it is issued by Microsoft Entra ID (Authority,
/// Audience); on a developer's machine the local host signs tokens with <see cref="DevSigningKey"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>e.g. https://login.microsoftonline.com/{tenant}/v2.0 — its OpenID metadata gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The API's application id URI or client id, as the tokens' <c>aud</c>.</summary>
    public string Audience { get; set; } = "api://mouazara";

    /// <summary>Expected <c>iss</c>; defaults to the authority's.</summary>
    public string? Issuer { get; set; }

    /// <summary>Local development only: base64 HMAC key for tokens minted by the local host.</summary>
    public string? DevSigningKey { get; set; }

    /// <summary>
    /// Says this is a local development run, the only one where tokens signed with <see cref="DevSigningKey"/> are
    /// accepted (the repository's key: anyone can sign with it). The local host sets it; the Functions host only
    /// from local.settings.json; on Azure a host with it or with a development key refuses to start.
    /// </summary>
    public bool AllowDevelopmentTokens { get; set; }
}
