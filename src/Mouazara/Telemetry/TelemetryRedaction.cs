using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace Mouazara.Telemetry;

/// <summary>
/// Signed links carry their token in the path; a token lets its holder upload, vote, read a status or download a document, so it
/// must not sit in telemetry. Spans keep the route with the token replaced.
/// </summary>
public sealed partial class TelemetryRedaction : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        foreach (var tag in (string[])["url.path", "url.full", "http.target", "http.url", "url.original"])
        {
            if (data.GetTagItem(tag) is string value && TokenPath().IsMatch(value))
            {
                data.SetTag(tag, Redact(value));
            }
        }

        if (TokenPath().IsMatch(data.DisplayName))
        {
            data.DisplayName = Redact(data.DisplayName);
        }
    }

    public static string Redact(string text) => TokenPath().Replace(text, "/api/$1/{token}");

    // The whole segment, whatever its shape: a token cut short or mangled by a mail client is still most of a secret.
    // Every route with {token} in ApiRoutes is under one of these (a test holds the two together).
    [GeneratedRegex(@"/api/(uploads|reviews|revisions|reviewers|status|files)/[^/?#\s""]+", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPath();
}
