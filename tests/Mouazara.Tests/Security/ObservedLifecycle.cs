using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mouazara.Local;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Security;

/// <summary>
/// One application from webhook to closed, on a local host of its own with its OpenTelemetry pipeline on (an OTLP
/// endpoint nobody listens on, so every span goes through the processors an exporter would see). Every log line the
/// host writes (a provider on its logger factory, all categories) and every span of every source (an ActivityListener)
/// is kept, with the personal values the test submitted and the signed links the outbox received.
/// </summary>
public sealed class ObservedLifecycle : IAsyncLifetime
{
    // Values an applicant and a committee member would type; none may reach logs, spans or the task hub.
    public static readonly string[] Personal =
    [
        "Zineb Secrète-4417", "zineb.sec4417@example.org", "+212611224417", "REG-SEC-4417-X", "Hasna Représentante-4417",
        "Commune-Privée-4417", "Membre Confidentiel-4417", "membre.conf4417@example.org",
    ];

    readonly ConcurrentQueue<string> logs = new();
    readonly ConcurrentQueue<string> spans = new();
    ActivityListener? listener;

    public LocalHost Host { get; private set; } = null!;

    public string ApplicationId { get; private set; } = "";

    /// <summary>Every signed-link token emailed about the application (status, uploads, reviews, reports, downloads).</summary>
    public List<string> Tokens { get; } = [];

    public IReadOnlyCollection<string> Logs => logs;

    public IReadOnlyCollection<string> Spans => spans;

    public async Task InitializeAsync()
    {
        var port = LocalStack.FreePort();
        var prefix = "s" + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c));
        Host = await LocalHost.StartAsync([], new Dictionary<string, string?>
        {
            ["Local:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Local:TaskHub"] = prefix + "hub",
            ["Local:SeedSamples"] = "false",
            ["Storage:TablePrefix"] = prefix,
            ["Links:PublicBaseUrl"] = $"http://localhost:{port}/",
            ["Email:SendGridHost"] = $"http://localhost:{port}",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
        });
        Host.Services.GetRequiredService<ILoggerFactory>().AddProvider(new CapturingLoggerProvider(logs));
        var api = Host.BaseAddress + "api/";
        listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // The test's own HTTP client calling the API is the applicant's browser, not something the product writes.
                if (activity.Kind == ActivityKind.Client && activity.GetTagItem("url.full") is string url && url.StartsWith(api, StringComparison.Ordinal))
                {
                    return;
                }

                spans.Enqueue(Describe(activity));
            },
        };
        ActivitySource.AddActivityListener(listener);

        await RunAsync(new MouazaraClient(Host.BaseAddress));
    }

    async Task RunAsync(MouazaraClient client)
    {
        var edition = LocalStack.NewId("secret");
        var config = TestEditions.Fast(edition, documentsDeadline: "PT20M", documentsReminder: "PT10M", committeeDeadline: "PT20M",
            committeeReminder: "PT10M", staffReminder: "PT10M", financeReminder: "PT10M", reportForSecondTranche: false);
        config["disbursement"]!["reports"] = new JsonObject { ["deadline"] = "PT20M", ["reminderBefore"] = "PT10M", ["endOfDay"] = false };
        var member = config["committee"]!["members"]![1]!.AsObject();
        member["name"] = Personal[6];
        member["email"] = Personal[7];
        await client.PutEditionAsync(config);

        var body = TestSubmissions.Build(edition, LocalStack.NewId("secret"), ["statutes"], email: Personal[1]);
        var applicant = body["applicant"]!.AsObject();
        applicant["name"] = Personal[0];
        applicant["phone"] = Personal[2];
        applicant["registrationNumber"] = Personal[3];
        applicant["commune"] = Personal[5];
        applicant["representative"]!["name"] = Personal[4];
        ApplicationId = await client.SubmitAcceptedAsync(body);

        var request = (await client.WaitForMailsAsync(ApplicationId, "documents-request")).Single();
        foreach (var link in MouazaraClient.Links(request, "uploads"))
        {
            using var upload = await client.UploadAsync(link, TestFiles.Pdf());
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        foreach (var task in await client.WaitForMailsAsync(ApplicationId, "review-task", 3))
        {
            var review = MouazaraClient.Links(task, "reviews").Single();
            using (var page = await client.Http.GetAsync(MouazaraClient.PathOf(review)))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            }

            using var vote = await client.VoteAsync(review, 80, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        await client.SelectAsync(edition, ApplicationId);
        await client.ReturnSignedAgreementAsync(ApplicationId);
        var app = await client.WaitForStatusAsync(ApplicationId, "disbursing");

        // A staff download link, used: the files route carries a token too.
        var download = app["documents"]!.AsArray().First(d => d!["type"]!.GetValue<string>() == "statutes")!["downloadUrl"]!.GetValue<string>();
        Tokens.Add(TokenOf(download));
        using (var file = await client.Http.GetAsync(MouazaraClient.PathOf(download)))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }

        foreach (var tranche in app["award"]!["tranches"]!.AsArray())
        {
            var number = tranche!["number"]!.GetValue<int>();
            await WaitForDueAsync(client, ApplicationId, number);
            using var release = await client.ReleaseAsync(ApplicationId, number, tranche["amount"]!.GetValue<decimal>(), $"secret-{number}");
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        await client.FinalReportAcceptedAsync(ApplicationId);
        await client.WaitForStatusAsync(ApplicationId, "closed");

        // Every link the applicant and the members received; the status link followed once as an applicant would.
        var mails = await client.OutboxAsync(ApplicationId);
        foreach (var mail in mails)
        {
            foreach (var kind in (string[])["status", "uploads", "reviews", "reports", "files"])
            {
                Tokens.AddRange(MouazaraClient.Links(mail, kind).Select(TokenOf));
            }
        }

        var status = mails.SelectMany(m => MouazaraClient.Links(m, "status")).First();
        using (var page = await client.Http.GetAsync(MouazaraClient.PathOf(status)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await Engine.WaitUntilIdleAsync(Host, "application-" + ApplicationId);
        // Spans end when their request does; give the last ones (and the OTel processors) a moment to run.
        await Task.Delay(1000);
    }

    static async Task WaitForDueAsync(MouazaraClient client, string id, int tranche)
    {
        for (var i = 0; i < 480; i++)
        {
            var app = await client.ApplicationAsync(id);
            if (app["award"]!["tranches"]!.AsArray().Any(t => t!["number"]!.GetValue<int>() == tranche && t["status"]!.GetValue<string>() == "due"))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Tranche {tranche} of {id} never fell due.");
    }

    /// <summary>The token of a link: the path segment after the route's fixed part (…/status/{token}, …/uploads/{token}/{type}).</summary>
    static string TokenOf(string link)
    {
        var segments = new Uri(link).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments[Array.IndexOf(segments, "api") + 2];
    }

    static string Describe(Activity activity)
    {
        var text = new System.Text.StringBuilder();
        text.Append(activity.Source.Name).Append(" | ").Append(activity.DisplayName).Append(" | ").Append(activity.OperationName).Append(" | ").Append(activity.StatusDescription);
        foreach (var tag in activity.TagObjects)
        {
            text.Append(" | ").Append(tag.Key).Append('=').Append(tag.Value);
        }

        foreach (var e in activity.Events)
        {
            text.Append(" | event ").Append(e.Name);
            foreach (var tag in e.Tags)
            {
                text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
            }
        }

        foreach (var item in activity.Baggage)
        {
            text.Append(" | baggage ").Append(item.Key).Append('=').Append(item.Value);
        }

        return text.ToString();
    }

    public async Task DisposeAsync()
    {
        listener?.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Keeps every line written, whatever its category, with its exception and its structured values.</summary>
    sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue(category + " scope: " + state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => p.Key + "=" + p.Value)) : "";
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
            }
        }
    }
}
