using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Storage;
using Mouazara.Texts;

namespace Mouazara.Local.DevTools;

public sealed record OutboxMessage(string Id, DateTimeOffset ReceivedAt, string From, string To, string Subject, string Template, string Scope,
    string DedupKey, string Text, string Html, string ClickTracking);

/// <summary>
/// A SendGrid-compatible sink: <c>POST /v3/mail/send</c> takes what the real SendGrid client sends, checks its
/// API key as SendGrid would, and keeps it in a table (so it survives restarts); <c>GET /dev/outbox</c> lists it.
/// </summary>
public sealed class MailSink(MouazaraStorage storage, IOptions<EmailOptions> email, TimeProvider time, CrashFaults crashes)
{
    public const string Table = "DevOutbox";

    readonly ConcurrentDictionary<string, Fault> faults = new(StringComparer.OrdinalIgnoreCase);

    TableClient Outbox => storage.Table(Table);

    /// <summary>
    /// Makes the next <paramref name="times"/> messages to <paramref name="to"/> fail as SendGrid can: an error status,
    /// after <paramref name="delay"/> (longer than the sender's timeout, a send that never answers). Nothing is kept.
    /// </summary>
    public void FailNext(string to, int times, HttpStatusCode status, TimeSpan delay = default) => faults[to] = new Fault(times, status, delay);

    /// <summary>Makes the next <paramref name="times"/> messages to <paramref name="to"/> slow: accepted, after <paramref name="delay"/>.</summary>
    public void SlowNext(string to, int times, TimeSpan delay) => faults[to] = new Fault(times, HttpStatusCode.Accepted, delay);

    sealed record Fault(int Times, HttpStatusCode Status, TimeSpan Delay);

    public Task EnsureCreatedAsync() => Outbox.CreateIfNotExistsAsync();

    public async Task<IResult> SendAsync(HttpContext http)
    {
        if (http.Request.Headers.Authorization.ToString() != "Bearer " + email.Value.SendGridApiKey)
        {
            return Results.Json(new { errors = new[] { new { message = "The provided authorization grant is invalid, expired, or revoked" } } }, statusCode: 401);
        }

        using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var root = document.RootElement;
        string Content(string type) => root.TryGetProperty("content", out var contents)
            ? contents.EnumerateArray().Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty("value").GetString()).FirstOrDefault() ?? ""
            : "";
        // SendGrid takes subject and custom_args per personalization, or once for the whole message.
        static string Field(JsonElement personalization, JsonElement message, string name) =>
            personalization.TryGetProperty(name, out var own) ? own.GetString() ?? ""
            : message.TryGetProperty(name, out var shared) ? shared.GetString() ?? "" : "";
        static string Arg(JsonElement personalization, JsonElement message, string name) =>
            personalization.TryGetProperty("custom_args", out var own) && own.TryGetProperty(name, out var value) ? value.GetString() ?? ""
            : message.TryGetProperty("custom_args", out var shared) && shared.TryGetProperty(name, out var other) ? other.GetString() ?? "" : "";
        if (await FaultAsync(root, http.RequestAborted) is { } failed)
        {
            return failed;
        }

        // As SendGrid would apply it: "off" only when the message switches click tracking off explicitly.
        var clickTracking = root.TryGetProperty("tracking_settings", out var tracking) && tracking.TryGetProperty("click_tracking", out var click)
            && click.TryGetProperty("enable", out var enable) && enable.ValueKind == JsonValueKind.False ? "off" : "account default";
        var now = time.GetUtcNow();
        var messages = 0;
        foreach (var personalization in root.GetProperty("personalizations").EnumerateArray())
        {
            foreach (var to in personalization.GetProperty("to").EnumerateArray())
            {
                await Outbox.AddEntityAsync(new OutboxEntity
                {
                    RowKey = (DateTimeOffset.MaxValue.Ticks - now.Ticks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8],
                    ReceivedAt = now,
                    From = root.GetProperty("from").GetProperty("email").GetString() ?? "",
                    To = to.GetProperty("email").GetString() ?? "",
                    Subject = Field(personalization, root, "subject"),
                    Text = Content("text/plain"),
                    Html = Content("text/html"),
                    Template = Arg(personalization, root, "template"),
                    Scope = Arg(personalization, root, "scope"),
                    DedupKey = Arg(personalization, root, "dedupKey"),
                    ClickTracking = clickTracking,
                }, http.RequestAborted);
                messages++;
            }
        }

        crashes.AfterMailKept(Arg(root.GetProperty("personalizations")[0], root, "template"));

        http.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
        return Results.StatusCode(messages > 0 ? 202 : 400);
    }

    async Task<IResult?> FaultAsync(JsonElement root, CancellationToken cancellationToken)
    {
        foreach (var to in root.GetProperty("personalizations").EnumerateArray().SelectMany(p => p.GetProperty("to").EnumerateArray()))
        {
            var address = to.GetProperty("email").GetString() ?? "";
            if (faults.TryGetValue(address, out var fault) && fault.Times > 0 && faults.TryUpdate(address, fault with { Times = fault.Times - 1 }, fault))
            {
                await Task.Delay(fault.Delay, cancellationToken);
                if ((int)fault.Status is >= 200 and < 300)
                {
                    return null;
                }

                return Results.Json(new { errors = new[] { new { message = "Injected failure." } } }, statusCode: (int)fault.Status);
            }
        }

        return null;
    }

    public async Task<List<OutboxMessage>> ListAsync(string? to, string? scope, CancellationToken cancellationToken)
    {
        var list = new List<OutboxMessage>();
        await foreach (var e in Outbox.QueryAsync<OutboxEntity>(e => e.PartitionKey == "outbox", cancellationToken: cancellationToken))
        {
            if ((string.IsNullOrEmpty(to) || e.To.Equals(to, StringComparison.OrdinalIgnoreCase)) && (string.IsNullOrEmpty(scope) || e.Scope == scope))
            {
                list.Add(new OutboxMessage(e.RowKey, e.ReceivedAt, e.From, e.To, e.Subject, e.Template, e.Scope, e.DedupKey, e.Text, e.Html, e.ClickTracking));
            }

            if (list.Count >= 500)
            {
                break;
            }
        }

        return list;
    }

    public async Task<IResult> OutboxAsync(HttpContext http)
    {
        var messages = await ListAsync(http.Request.Query["to"], http.Request.Query["scope"], http.RequestAborted);
        if (!Page.WantsHtml(http.Request))
        {
            return Results.Json(messages, Json.Options);
        }

        var html = new StringBuilder("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Outbox — Mouazara (local)</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:1.5rem}details{border:1px solid #ccd;margin:.5rem 0;padding:.5rem}summary{cursor:pointer}iframe{width:100%;height:22rem;border:0}</style></head><body>")
            .Append("<h1>Outbox (").Append(messages.Count).Append(")</h1><p>Emails the local host sent through the SendGrid client. Newest first.</p>");
        foreach (var m in messages)
        {
            html.Append("<details><summary>").Append(WebUtility.HtmlEncode($"{m.ReceivedAt:u} — {m.To} — {m.Subject}")).Append("</summary>")
                .Append("<iframe sandbox srcdoc=\"").Append(WebUtility.HtmlEncode(m.Html)).Append("\"></iframe></details>");
        }

        return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
    }
}
