using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Mouazara.Security;

/// <summary>
/// Validates the bearer token of a staff or finance call. It lives in the library, not in host middleware,
/// so the Functions app and the local host check callers the same way.
/// </summary>
public sealed class BearerAuthenticator
{
    public const string DevIssuer = "mouazara-local";
    readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    readonly AuthOptions options;
    readonly ConfigurationManager<OpenIdConnectConfiguration>? metadata;
    readonly SymmetricSecurityKey? devKey;
    readonly string? metadataAddress;
    readonly HttpDocumentRetriever? documents;
    readonly SemaphoreSlim refreshGate = new(1, 1);
    DateTimeOffset lastRefresh = DateTimeOffset.MinValue;
    (OpenIdConnectConfiguration Config, DateTimeOffset At)? refreshed;

    public BearerAuthenticator(IOptions<AuthOptions> options)
    {
        this.options = options.Value;
        if (!string.IsNullOrWhiteSpace(this.options.Authority))
        {
            metadataAddress = this.options.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
            // https always, but for a loopback authority (a test's or a developer's own identity provider).
            var loopback = Uri.TryCreate(metadataAddress, UriKind.Absolute, out var uri) && uri.IsLoopback;
            documents = new HttpDocumentRetriever { RequireHttps = !loopback };
            metadata = new ConfigurationManager<OpenIdConnectConfiguration>(metadataAddress, new OpenIdConnectConfigurationRetriever(), documents);
        }

        // Checked at start too (AddMouazara); here as well so no wiring mistake can let the repository's key in.
        if (this.options.AllowDevelopmentTokens && !string.IsNullOrWhiteSpace(this.options.DevSigningKey))
        {
            devKey = new SymmetricSecurityKey(Convert.FromBase64String(this.options.DevSigningKey));
        }

        if (metadata is null && devKey is null)
        {
            throw new InvalidOperationException("Set Auth:Authority (Entra ID) or, for local development, Auth:DevSigningKey with Auth:AllowDevelopmentTokens.");
        }
    }

    public async Task<(Caller? Caller, AuthFailure Failure)> AuthenticateAsync(HttpRequest request, string role)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 8192)
        {
            return (null, AuthFailure.Unauthenticated);
        }

        var token = header["Bearer ".Length..].Trim();
        var result = await handler.ValidateTokenAsync(token, await ParametersAsync(request.HttpContext.RequestAborted));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && await RefreshKeysAsync(request.HttpContext.RequestAborted))
        {
            result = await handler.ValidateTokenAsync(token, await ParametersAsync(request.HttpContext.RequestAborted));
        }

        if (!result.IsValid)
        {
            return (null, AuthFailure.Unauthenticated);
        }

        var roles = result.ClaimsIdentity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var subject = result.ClaimsIdentity.FindFirst("oid")?.Value ?? result.ClaimsIdentity.FindFirst("sub")?.Value ?? "unknown";
        var caller = new Caller(subject, roles);
        return roles.Contains(role) ? (caller, AuthFailure.None) : (caller, AuthFailure.Forbidden);
    }

    async Task<TokenValidationParameters> ParametersAsync(CancellationToken cancellationToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidAudience = options.Audience,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
            RoleClaimType = "roles",
        };

        if (metadata is not null)
        {
            var config = await metadata.GetConfigurationAsync(cancellationToken);
            // Keys fetched on an unknown key id stand until the manager's own periodic refresh has caught up with them.
            if (refreshed is { } fresh && DateTimeOffset.UtcNow - fresh.At < metadata.AutomaticRefreshInterval)
            {
                config = fresh.Config;
            }

            parameters.ValidIssuer = options.Issuer ?? config.Issuer;
            parameters.IssuerSigningKeys = config.SigningKeys;
            // Entra ID signs access tokens with RS256 only: no HMAC (a public key used as a secret) and no "none".
            parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        }
        else
        {
            parameters.ValidIssuer = DevIssuer;
            parameters.IssuerSigningKey = devKey;
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        return parameters;
    }

    /// <summary>
    /// Entra ID rolls its signing keys: a key id we have not seen fetches the metadata again, at most once per the
    /// manager's RefreshInterval (5 minutes) so that forged key ids cannot make every request call the authority.
    /// Fetched here and awaited, since ConfigurationManager.RequestRefresh only starts a background refresh and the
    /// token must be retried against the new keys now. False when rate-limited (nothing new to retry with).
    /// </summary>
    async Task<bool> RefreshKeysAsync(CancellationToken cancellationToken)
    {
        if (metadata is null || DateTimeOffset.UtcNow - lastRefresh < metadata.RefreshInterval)
        {
            return false;
        }

        await refreshGate.WaitAsync(cancellationToken);
        try
        {
            if (DateTimeOffset.UtcNow - lastRefresh < metadata.RefreshInterval)
            {
                // Another request refreshed while this one waited: retry with its keys.
                return true;
            }

            lastRefresh = DateTimeOffset.UtcNow;
            var config = await OpenIdConnectConfigurationRetriever.GetAsync(metadataAddress, documents, cancellationToken);
            refreshed = (config, DateTimeOffset.UtcNow);
            return true;
        }
        finally
        {
            refreshGate.Release();
        }
    }

    /// <summary>Mints a development token; only the local host exposes this, and only on loopback.</summary>
    public static string MintDevelopmentToken(string base64Key, string audience, string role, string subject, TimeSpan lifetime, DateTimeOffset now)
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(base64Key));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = DevIssuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("roles", role), new Claim("name", subject)]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}

/// <summary>Who called, or why they may not.</summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles);

public enum AuthFailure
{
    None,
    Unauthenticated,
    Forbidden,
}
