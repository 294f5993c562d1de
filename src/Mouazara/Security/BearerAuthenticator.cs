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

    public BearerAuthenticator(IOptions<AuthOptions> options)
    {
        this.options = options.Value;
        if (!string.IsNullOrWhiteSpace(this.options.Authority))
        {
            var address = this.options.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
            metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                address, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true });
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

        var parameters = await ParametersAsync(request.HttpContext.RequestAborted);
        var result = await handler.ValidateTokenAsync(header["Bearer ".Length..].Trim(), parameters);
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
            parameters.ValidIssuer = options.Issuer ?? config.Issuer;
            parameters.IssuerSigningKeys = config.SigningKeys;
        }
        else
        {
            parameters.ValidIssuer = DevIssuer;
            parameters.IssuerSigningKey = devKey;
        }

        return parameters;
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
