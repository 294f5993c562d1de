using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Mouazara.Kernel;

namespace Mouazara.Texts;

/// <summary>
/// The few pages people open from their emails: server-rendered, in their language, right-to-left for Arabic,
/// every value HTML-encoded.
/// </summary>
public static class Page
{
    const string Style = """
        body{font-family:system-ui,"Noto Sans Arabic","Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2433;line-height:1.5}
        h1{font-size:1.4rem;color:#0b5d3b}header{border-bottom:3px solid #c1272d;margin-bottom:1rem}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0;min-width:0;overflow-wrap:anywhere}
        @media (max-width:36rem){dl{grid-template-columns:1fr}dt{margin-top:.4rem}}
        fieldset{border:1px solid #ccd;padding:1rem;margin:1rem 0}label{display:block;margin:.4rem 0}
        input[type=number]{width:5rem}textarea{width:100%;min-height:6rem;box-sizing:border-box}
        button{background:#0b5d3b;color:#fff;border:0;padding:.6rem 1.4rem;font-size:1rem;border-radius:4px;cursor:pointer}
        .notice{background:#eef6f1;border-inline-start:4px solid #0b5d3b;padding:.6rem 1rem}
        .error{background:#fdecea;border-inline-start:4px solid #c1272d;padding:.6rem 1rem}
        .criterion{border-top:1px solid #e3e6ee;padding-top:.4rem}.criterion textarea{min-height:3.5rem}.guidance{color:#4a5468;font-size:.92rem;margin:.1rem 0 .4rem}
        .eligibility li{margin:.3rem 0;overflow-wrap:anywhere}.verdict-fail{color:#c1272d}.verdict-unclear{color:#8a5a00}
        """;

    public static IResult Render(Language language, string title, string bodyHtml, int status = 200)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(language.Code()).Append("\" dir=\"").Append(language.Direction()).Append("\"><head>")
            .Append("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(Encode(title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<header><p>").Append(Encode(PageTexts.Shell.ProgrammeName.In(language))).Append("</p></header>")
            .Append("<main><h1>").Append(Encode(title)).Append("</h1>").Append(bodyHtml).Append("</main></body></html>");
        return new HtmlResult(html.ToString(), status);
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Text someone typed, in whichever language: isolated so its direction does not disturb the page's.</summary>
    public static string Typed(string? text) => "<bdi>" + Encode(text) + "</bdi>";

    /// <summary>The same refusal a program gets as problem+json, as a page for a person who clicked a link.</summary>
    public static IResult Refusal(Language language, int status, Bilingual message, string? statusLink = null)
    {
        var body = "<p class=\"error\">" + Encode(message.In(language)) + "</p>";
        if (statusLink is not null)
        {
            body += "<p><a href=\"" + Encode(statusLink) + "\">" + Encode(PageTexts.Shell.TrackApplication.In(language)) + "</a></p>";
        }

        return Render(language, PageTexts.Shell.OperationImpossible.In(language), body, status);
    }

    /// <summary>
    /// A link that does not verify says nothing of whose it was, so it cannot know the reader's language: both, French first.
    /// </summary>
    public static IResult InvalidLink() =>
        Render(Language.Fr, PageTexts.Shell.InvalidLinkTitle.Fr + " / " + PageTexts.Shell.InvalidLinkTitle.Ar,
            "<p class=\"error\">" + Encode(PageTexts.Shell.InvalidLink.Fr + " — " + PageTexts.Shell.InvalidLink.Ar) + "</p>", 401);

    /// <summary>True when a browser, not a program, is asking (it prefers HTML to JSON).</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) && !accept.Contains("application/json", StringComparison.OrdinalIgnoreCase);
    }

    sealed class HtmlResult(string html, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
            httpContext.Response.Headers["X-Content-Type-Options"] = "nosniff";
            httpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            if (HttpMethods.IsHead(httpContext.Request.Method))
            {
                return;
            }

            await httpContext.Response.WriteAsync(html, Encoding.UTF8);
        }
    }
}
