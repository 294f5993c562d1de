using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mouazara;

/// <summary>
/// The API's description, public and free of personal data: the OpenAPI document, a reference page, and the page's
/// script (Scalar's standalone bundle, shipped inside the Scalar.AspNetCore package, so nothing is fetched from elsewhere).
/// </summary>
public sealed class ApiDescriptionEndpoints
{
    /// <summary>Only this host's own script and document; Scalar injects its styles, hence 'unsafe-inline' for styles alone.</summary>
    public const string PagePolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static readonly Lazy<byte[]> GzippedScript = new(() =>
    {
        using var resource = typeof(Scalar.AspNetCore.ScalarOptions).Assembly.GetManifestResourceStream("ScalarStaticAssets.scalar.js")
            ?? throw new InvalidOperationException("Scalar.AspNetCore no longer bundles ScalarStaticAssets.scalar.js.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    });

    static readonly Lazy<byte[]> Page = new(() => Encoding.UTF8.GetBytes(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>Mouazara API</title></head><body>"
        // A JSON-typed script element is data, not code: Scalar reads its attributes, and the policy needs no inline script.
        + "<script id=\"api-reference\" type=\"application/json\" data-url=\"/api/openapi.json\" data-configuration=\""
        + WebUtility.HtmlEncode(JsonSerializer.Serialize(new
        {
            withDefaultFonts = false,
            telemetry = false,
            hideClientButton = true,
            showDeveloperTools = "never",
            documentDownloadType = "json",
            agent = new { disabled = true },
        })) + "\"></script><script src=\"/api/docs/scalar.js\"></script></body></html>"));

    public Task<IResult> DocumentAsync(HttpContext http)
    {
        http.Response.Headers.AccessControlAllowOrigin = "*"; // a public description, read by tools from anywhere
        return Task.FromResult<IResult>(TypedResults.Text(ApiDescription.Json, "application/json", Encoding.UTF8));
    }

    public Task<IResult> PageAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = PagePolicy;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Task.FromResult<IResult>(TypedResults.Bytes(Page.Value, "text/html; charset=utf-8"));
    }

    public Task<IResult> ScriptAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers.CacheControl = "public, max-age=3600";
        headers.Vary = "Accept-Encoding";
        if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "gzip";
            return Task.FromResult<IResult>(TypedResults.Bytes(GzippedScript.Value, "text/javascript; charset=utf-8"));
        }

        return Task.FromResult<IResult>(TypedResults.Stream(new GZipStream(new MemoryStream(GzippedScript.Value), CompressionMode.Decompress),
            "text/javascript; charset=utf-8"));
    }
}
