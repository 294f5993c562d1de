using System.Net;
using System.Text.RegularExpressions;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Observability;

/// <summary>
/// The local host with its console telemetry exporter on: a whole application runs through it, and what the
/// operators would see (logs, spans, metrics) is read from the process output.
/// </summary>
public sealed class ObservedRun : IAsyncLifetime
{
    // Values an applicant and a committee member would type; none may reach logs or telemetry.
    static readonly string[] Personal =
    [
        "Zineb Personnelle-7731", "zineb.pd7731@example.org", "+212611227731", "REG-PD-7731-X", "Hasna Représentante-7731",
        "Commune-Privée-7731", "Membre Confidentiel-7731", "membre.conf7731@example.org",
    ];

    readonly LocalProcess host = new();

    public string ApplicationId { get; private set; } = "";

    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        host.Environment["Telemetry__Console"] = "true";
        host.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        await host.StartAsync();
        var client = host.Client;
        var edition = "otel-" + Guid.NewGuid().ToString("N")[..8];
        // Deadlines no step of the run can reach, however loaded the machine: nothing here depends on a timer.
        var config = TestEditions.Fast(edition, documentsDeadline: "PT20M", documentsReminder: "PT10M", committeeDeadline: "PT20M",
            committeeReminder: "PT10M", staffReminder: "PT10M", financeReminder: "PT10M", reportForSecondTranche: false);
        config["disbursement"]!["reports"] = new System.Text.Json.Nodes.JsonObject { ["deadline"] = "PT20M", ["reminderBefore"] = "PT10M", ["endOfDay"] = false };
        var member = config["committee"]!["members"]![1]!.AsObject();
        member["name"] = Personal[6];
        member["email"] = Personal[7];
        await client.PutEditionAsync(config);

        var body = TestSubmissions.Build(edition, "otel-" + Guid.NewGuid().ToString("N")[..8], ["statutes"], email: Personal[1]);
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
            using var vote = await client.VoteAsync(MouazaraClient.Links(task, "reviews").Single(), 80, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        await client.SelectAsync(edition, ApplicationId);
        await client.ReturnSignedAgreementAsync(ApplicationId);
        var app = await client.WaitForStatusAsync(ApplicationId, "disbursing");
        foreach (var tranche in app["award"]!["tranches"]!.AsArray())
        {
            var number = tranche!["number"]!.GetValue<int>();
            await EndToEnd.WholeLifecycleTests.WaitForDueAsync(client, ApplicationId, number);
            using var release = await client.ReleaseAsync(ApplicationId, number, tranche["amount"]!.GetValue<decimal>(), $"otel-{number}");
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        await client.FinalReportAcceptedAsync(ApplicationId);
        await client.WaitForStatusAsync(ApplicationId, "closed");

        // Metrics are exported every second here: the run is over for them once an export names every metric the
        // operators need (bounded, so that a metric that is never exported fails its test below, not this set-up).
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!Metrics.All(m => host.Output.Contains("Metric Name: " + m, StringComparison.Ordinal)) && DateTime.UtcNow < until)
        {
            await Task.Delay(250);
        }

        host.KillHard();
        Output = host.Output;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public static readonly string[] PersonalValues = Personal;

    /// <summary>The metrics staff and operators rely on.</summary>
    public static readonly string[] Metrics =
        ["mouazara.intake.accepted", "mouazara.applications.status_changes", "mouazara.emails.sent", "mouazara.tranches.released", "mouazara.tranches.released_centimes"];
}

public sealed partial class TelemetryTests(ObservedRun run) : IClassFixture<ObservedRun>
{
    readonly string output = run.Output;
    readonly string applicationId = run.ApplicationId;

    [Fact]
    public void No_personal_value_of_the_applicant_or_a_committee_member_appears_in_logs_or_telemetry()
    {
        // The output did capture the run: spans of its activities, tagged with the application id.
        Assert.Contains("activity:RecordStatus", output, StringComparison.Ordinal);
        Assert.Contains(applicationId, output, StringComparison.Ordinal);
        Assert.All(ObservedRun.PersonalValues, value => Assert.DoesNotContain(value, output, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Signed_link_tokens_do_not_appear_in_telemetry()
    {
        Assert.Contains("/api/reviews/{token}", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(TokenInPath(), output);
    }

    [Fact]
    public void One_trace_follows_the_application_from_the_webhook_through_its_activities_and_emails()
    {
        var spans = Spans(output);
        var webhook = Assert.Single(spans, s => s.Name == "POST /api/intake/{provider}");
        var trace = spans.Where(s => s.TraceId == webhook.TraceId).ToList();

        Assert.Contains(trace, s => s.Name == "create_orchestration:ApplicationOrchestratorV2" && s.Tags.GetValueOrDefault("durabletask.task.instance_id") == "application-" + applicationId);
        foreach (var activity in new[] { "activity:ReceiveApplication", "activity:RecordStatus", "activity:CheckEligibility",
            "activity:SendReviewTask", "activity:TallyVotes", "activity:RecordAward", "activity:MarkTrancheDue", "activity:NotifyTrancheReleased" })
        {
            Assert.Contains(trace, s => s.Name == activity);
        }

        Assert.Contains(trace, s => s.Name == "POST /v3/mail/send");
        Assert.Contains(trace, s => s.Tags.GetValueOrDefault("mouazara.application_id") == applicationId);
    }

    [Fact]
    public void The_metrics_staff_and_operators_need_are_exported()
    {
        foreach (var metric in ObservedRun.Metrics)
        {
            Assert.Contains("Metric Name: " + metric, output, StringComparison.Ordinal);
        }
    }

    sealed record Span(string TraceId, string Name, Dictionary<string, string> Tags);

    static List<Span> Spans(string text) =>
        text.Split("Activity.TraceId:").Skip(1).Select(block =>
        {
            var traceId = block.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)[0];
            var name = DisplayName().Match(block).Groups[1].Value.Trim();
            var tags = TagLine().Matches(block).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.First().Groups[2].Value.Trim());
            return new Span(traceId, name, tags);
        }).ToList();

    [GeneratedRegex(@"Activity\.DisplayName:\s+(.*)")]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"\n\s+([a-z_.]+):\s+(.*)")]
    private static partial Regex TagLine();

    [GeneratedRegex(@"/api/(uploads|reviews|status)/[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,}")]
    private static partial Regex TokenInPath();
}
