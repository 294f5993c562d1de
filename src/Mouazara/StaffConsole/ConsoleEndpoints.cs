using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Mouazara.Http;
using Mouazara.Security;

namespace Mouazara.StaffConsole;

/// <summary>
/// <c>GET /console/*</c>: the staff and finance console, a static single-page app built from <c>console/</c> by
/// esbuild and embedded in this assembly (so both hosts and every publish carry the same files), plus
/// <c>config.json</c>, which tells it how to sign in. Every answer carries a content security policy allowing only
/// this origin, and Entra ID's sign-in endpoint when it is configured.
/// </summary>
public sealed class ConsoleEndpoints(IOptions<AuthOptions> auth, IOptions<ConsoleOptions> options)
{
    const string ResourcePrefix = "console/";
    const string EntraLogin = "https://login.microsoftonline.com";

    static readonly Assembly Assets = typeof(ConsoleEndpoints).Assembly;

    static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".map"] = "application/json; charset=utf-8",
    };

    /// <summary>True when the console's built files are in this assembly (they are whenever `npm ci` ran before the build).</summary>
    public static bool IsBuilt => Assets.GetManifestResourceInfo(ResourcePrefix + "index.html") is not null;

    public IResult Serve(HttpContext http, string? path)
    {
        var request = http.Request;
        SetSecurityHeaders(http.Response);
        if (string.IsNullOrEmpty(path))
        {
            // Relative asset URLs need the trailing slash.
            return request.Path.Value?.EndsWith('/') == true ? File("index.html") : Results.Redirect(request.PathBase + "/console/");
        }

        return path == "config.json" ? TypedResults.Json(Config(), Kernel.Json.Options) : File(path);
    }

    IResult File(string path)
    {
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path));
        var stream = path.Contains("..", StringComparison.Ordinal) || type is null ? null : Assets.GetManifestResourceStream(ResourcePrefix + path);
        if (stream is null || type is null)
        {
            return IsBuilt ? Problems.NotFound("console file")
                : Problems.Create(404, "console-not-built", "The console is not built.", "Run `npm ci` then build again (npm run build:console).");
        }

        return Results.Stream(stream, type);
    }

    /// <summary>What the browser needs to sign in: development tokens from the local host, or Entra ID through MSAL.</summary>
    public ConsoleConfig Config()
    {
        var a = auth.Value;
        if (a.AllowDevelopmentTokens)
        {
            return new ConsoleConfig("development", null, null, null);
        }

        var clientId = options.Value.ClientId ?? a.Audience;
        var authority = a.Authority is null ? null : a.Authority.EndsWith("/v2.0", StringComparison.Ordinal) ? a.Authority[..^"/v2.0".Length] : a.Authority;
        return new ConsoleConfig("entra", clientId, authority, options.Value.ApiScope ?? $"api://{clientId}/Mouazara.Access");
    }

    void SetSecurityHeaders(HttpResponse response)
    {
        // MSAL talks to Entra ID (fetch) and renews tokens in a hidden iframe; nothing else leaves this origin.
        var entra = auth.Value.AllowDevelopmentTokens ? "" : " " + EntraLogin;
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'{entra}; " +
            $"frame-src{(entra.Length == 0 ? " 'none'" : entra)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-cache";
    }
}

/// <summary>The console's <c>config.json</c>: <c>mode</c> is <c>development</c> (the local host's tokens) or <c>entra</c>.</summary>
public sealed record ConsoleConfig(string Mode, string? ClientId, string? Authority, string? ApiScope);
