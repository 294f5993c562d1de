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
        foreach (var tag in (string[])["url.path", "url.full", "http.target", "http.url"])
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

    [GeneratedRegex(@"/api/(uploads|reviews|status|files)/[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
    private static partial Regex TokenPath();
}
