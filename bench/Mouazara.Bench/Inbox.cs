using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mouazara.Bench;

/// <summary>A notice that a waiting point was reached: an email for the product, an activity's signal for the floor.</summary>
sealed record Notice(string Scope, string Kind, IReadOnlyList<string> Links, DateTime At);

/// <summary>
/// Notices by scope (application id), waited on without polling: the drivers move on the moment the mail (or the
/// floor's signal) arrives.
/// </summary>
sealed class Inbox
{
    readonly ConcurrentDictionary<string, Box> boxes = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> kinds = new(StringComparer.Ordinal);

    public void Add(Notice notice)
    {
        kinds.AddOrUpdate(notice.Kind, 1, static (_, n) => n + 1);
        boxes.GetOrAdd(notice.Scope, static _ => new Box()).Add(notice);
    }

    public int Count(string kind) => kinds.TryGetValue(kind, out var n) ? n : 0;

    /// <summary>The first <paramref name="count"/> notices of a kind for a scope, as soon as they are there.</summary>
    public Task<IReadOnlyList<Notice>> WaitAsync(string scope, string kind, int count, CancellationToken cancellationToken) =>
        boxes.GetOrAdd(scope, static _ => new Box()).WaitAsync(kind, count, cancellationToken);

    /// <summary>Waits (polling every 100 ms, bounded) until at least <paramref name="count"/> notices of a kind arrived in all.</summary>
    public async Task<bool> WaitForTotalAsync(string kind, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Count(kind) < count)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public void Forget(string scope) => boxes.TryRemove(scope, out _);

    sealed class Box
    {
        readonly List<Notice> notices = [];
        readonly List<(string Kind, int Count, TaskCompletionSource<IReadOnlyList<Notice>> Done)> waiters = [];

        public void Add(Notice notice)
        {
            List<(TaskCompletionSource<IReadOnlyList<Notice>>, IReadOnlyList<Notice>)> ready = [];
            lock (notices)
            {
                notices.Add(notice);
                for (var i = waiters.Count - 1; i >= 0; i--)
                {
                    var matching = notices.Where(n => n.Kind == waiters[i].Kind).ToList();
                    if (matching.Count >= waiters[i].Count)
                    {
                        ready.Add((waiters[i].Done, matching.Take(waiters[i].Count).ToList()));
                        waiters.RemoveAt(i);
                    }
                }
            }

            foreach (var (done, result) in ready)
            {
                done.TrySetResult(result);
            }
        }

        public async Task<IReadOnlyList<Notice>> WaitAsync(string kind, int count, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource<IReadOnlyList<Notice>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (notices)
            {
                var matching = notices.Where(n => n.Kind == kind).ToList();
                if (matching.Count >= count)
                {
                    return matching.Take(count).ToList();
                }

                waiters.Add((kind, count, done));
            }

            using var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
            return await done.Task;
        }
    }
}

/// <summary>
/// The bench's own SendGrid-compatible endpoint (<c>POST /v3/mail/send</c>), so the product's emails reach the
/// drivers at once and the host's development outbox table (local-only storage traffic) stays out of the counts.
/// </summary>
sealed partial class MailSink : IAsyncDisposable
{
    readonly WebApplication app;

    MailSink(WebApplication app, Inbox inbox, Uri address)
    {
        this.app = app;
        Inbox = inbox;
        Address = address;
    }

    public Inbox Inbox { get; }

    public Uri Address { get; }

    public long Received => Interlocked.Read(ref received);

    static long received;

    public static async Task<MailSink> StartAsync()
    {
        var port = Machine.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var inbox = new Inbox();
        app.MapPost("/v3/mail/send", async (HttpContext http) =>
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var root = document.RootElement;
            var text = root.TryGetProperty("content", out var contents)
                ? contents.EnumerateArray().Where(c => c.GetProperty("type").GetString() == "text/plain").Select(c => c.GetProperty("value").GetString()).FirstOrDefault() ?? ""
                : "";
            foreach (var personalization in root.GetProperty("personalizations").EnumerateArray())
            {
                string Arg(string name) =>
                    personalization.TryGetProperty("custom_args", out var own) && own.TryGetProperty(name, out var value) ? value.GetString() ?? ""
                    : root.TryGetProperty("custom_args", out var shared) && shared.TryGetProperty(name, out var other) ? other.GetString() ?? "" : "";
                var template = Arg("template");
                var dedup = Arg("dedupKey");
                // Finance's notices are one template for every tranche, staff's one for every stage; the dedup key says
                // which (tranche-2-due-0, staff-agreement-0-0-0 → staff-agreement).
                var kind = template switch
                {
                    "tranche-due" => TrancheKind().Match(dedup).Value,
                    "staff-review" => StaffKind().Match(dedup).Value,
                    _ => template,
                };
                var links = LinkPattern().Matches(text).Select(m => m.Value).Where(l => l.Contains("/api/", StringComparison.Ordinal)).ToList();
                foreach (var _ in personalization.GetProperty("to").EnumerateArray())
                {
                    inbox.Add(new Notice(Arg("scope"), kind, links, DateTime.UtcNow));
                    Interlocked.Increment(ref received);
                }
            }

            return Results.StatusCode(202);
        });
        await app.StartAsync();
        return new MailSink(app, inbox, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^tranche-\d+-(due|reminder)")]
    private static partial Regex TrancheKind();

    [GeneratedRegex(@"^staff-[a-z]+")]
    private static partial Regex StaffKind();
}
