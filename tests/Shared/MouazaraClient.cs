using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mouazara.Testing;

public sealed record OutboxMail(string Id, DateTimeOffset ReceivedAt, string To, string Subject, string Template, string Scope, string DedupKey, string Text, string Html);

/// <summary>
/// Talks to a running host over HTTP as its users do: a form provider signing deliveries, staff and finance with
/// bearer tokens, applicants and committee members following links read from the emails in the outbox.
/// </summary>
public sealed partial class MouazaraClient : IDisposable
{
    public MouazaraClient(Uri baseAddress, string webhookSecret = "local-generic-webhook-secret")
    {
        this.webhookSecret = webhookSecret;
        // Room for the busy retries' minute on top of one slow answer.
        Http = new HttpClient(new BusyRetryHandler(() => RetryWhenBusy)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    readonly string webhookSecret;

    public HttpClient Http { get; }

    /// <summary>
    /// Whether a 503 with Retry-After is asked again (<see cref="BusyRetryHandler"/>); off for a test of the 503 itself.
    /// </summary>
    public bool RetryWhenBusy { get; set; } = true;

    public Uri BaseAddress => Http.BaseAddress!;

    /// <summary>
    /// How long a wait for the engine to get somewhere (an email, a status, a selection) lasts by default. The suite
    /// runs hundreds of lifecycles at once on two cores; at its peak (load 35) a step that takes a second alone has
    /// taken over a minute. A wait ends as soon as what it waits for is there, so only a failing test pays for it.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    string? staff;
    string? secondStaff;
    string? finance;

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var data = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    public async Task<HttpResponseMessage> SubmitAsync(byte[] body, string? secret = null, long? timestamp = null, string contentType = "application/json")
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/generic") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Mouazara-Timestamp", ts);
        request.Headers.Add("X-Mouazara-Signature", Sign(secret ?? webhookSecret, ts, body));
        return await Http.SendAsync(request);
    }

    /// <summary>Submits and returns the new application's id, failing the test unless the answer is 202.</summary>
    public async Task<string> SubmitAcceptedAsync(JsonNode body)
    {
        using var response = await SubmitAsync(TestSubmissions.Bytes(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["applicationId"]!.GetValue<string>();
    }

    public async Task<string> TokenAsync(string role)
    {
        var body = await Http.GetFromJsonAsync<JsonObject>($"dev/token?role={role}");
        return body!["token"]!.GetValue<string>();
    }

    public async Task<string> StaffTokenAsync() => staff ??= await TokenAsync("staff");

    public async Task<string> FinanceTokenAsync() => finance ??= await TokenAsync("finance");

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer = null, HttpContent? content = null,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Http.SendAsync(request);
    }

    public async Task PutEditionAsync(JsonObject edition)
    {
        using var response = await SendAsync(HttpMethod.Put, "api/editions/" + edition["id"], await StaffTokenAsync(), JsonContent.Create(edition));
        Assert.True(response.IsSuccessStatusCode, "Edition refused: " + await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonObject> ApplicationAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/applications/" + id, await StaffTokenAsync());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A staff token for the officer <paramref name="subject"/>: what one of several people deciding at once holds.</summary>
    public async Task<string> StaffTokenAsync(string subject) =>
        (await Http.GetFromJsonAsync<JsonObject>("dev/token?role=staff&subject=" + Uri.EscapeDataString(subject)))!["token"]!.GetValue<string>();

    /// <summary>The staff view of an application's evaluation: every review task with its ballot, and the count.</summary>
    public async Task<JsonObject> ReviewsAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/applications/{id}/reviews", await StaffTokenAsync());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A staff token for another person than <see cref="StaffTokenAsync"/>: selections are confirmed by two people.</summary>
    public async Task<string> SecondStaffTokenAsync() =>
        secondStaff ??= (await Http.GetFromJsonAsync<JsonObject>("dev/token?role=staff&subject=second-staff-officer"))!["token"]!.GetValue<string>();

    public async Task<JsonObject> SelectionAsync(string edition)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/editions/{edition}/selection", await StaffTokenAsync());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Polls the edition's selection until its status is reached.</summary>
    public async Task<JsonObject> WaitForSelectionAsync(string edition, string status, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? Patience);
        JsonObject selection;
        do
        {
            selection = await SelectionAsync(edition);
            if (selection["status"]!.GetValue<string>() == status)
            {
                return selection;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail($"The selection of {edition} did not reach {status}: {selection.ToJsonString()}");
        return selection;
    }

    /// <summary>
    /// What staff do once the applications of an edition are shortlisted: close the call, start the selection, and have
    /// a second staff member confirm the proposal. Returns the confirmed selection.
    /// </summary>
    public async Task<JsonObject> SelectAsync(string edition, params string[] shortlisted)
    {
        foreach (var id in shortlisted)
        {
            await WaitForStatusAsync(id, "shortlisted");
        }

        using (var close = await SendAsync(HttpMethod.Post, $"api/editions/{edition}/close", await StaffTokenAsync()))
        {
            Assert.True(close.StatusCode == HttpStatusCode.Accepted, "Close refused: " + await close.Content.ReadAsStringAsync());
        }

        using (var start = await SendAsync(HttpMethod.Post, $"api/editions/{edition}/selection", await StaffTokenAsync()))
        {
            Assert.True(start.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, "Start refused: " + await start.Content.ReadAsStringAsync());
        }

        await WaitForSelectionAsync(edition, "proposed");
        using var confirm = await SendAsync(HttpMethod.Post, $"api/editions/{edition}/selection/confirm", await SecondStaffTokenAsync());
        var text = await confirm.Content.ReadAsStringAsync();
        Assert.True(confirm.StatusCode == HttpStatusCode.OK, "Confirm refused: " + text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Polls the staff view until the status is reached; fails with the last state seen.</summary>
    public async Task<JsonObject> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? Patience);
        JsonObject? app = null;
        do
        {
            using (var response = await SendAsync(HttpMethod.Get, "api/applications/" + id, await StaffTokenAsync()))
            {
                var text = await response.Content.ReadAsStringAsync();
                // 503 with Retry-After is the API saying its storage fell behind (a loaded machine): a caller asks again.
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    Assert.True(response.IsSuccessStatusCode, text);
                    app = JsonNode.Parse(text)!.AsObject();
                    if (app["status"]!.GetValue<string>() == status)
                    {
                        return app;
                    }
                }
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail($"Application {id} did not reach {status}; it is {app?["status"]}. History: {app?["history"]?.ToJsonString()}");
        return app!;
    }

    public async Task<List<OutboxMail>> OutboxAsync(string? scope = null, string? to = null)
    {
        var query = new List<string>();
        if (scope is not null)
        {
            query.Add("scope=" + Uri.EscapeDataString(scope));
        }

        if (to is not null)
        {
            query.Add("to=" + Uri.EscapeDataString(to));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "dev/outbox" + (query.Count > 0 ? "?" + string.Join("&", query) : ""));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<OutboxMail>>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    /// <summary>
    /// Each reviewer's review link, once the application's <paramref name="reviewers"/> review tasks are emailed. One per
    /// recipient: a task mailed twice (its activity run twice at once on a saturated machine) is still one reviewer's.
    /// </summary>
    public async Task<List<string>> ReviewLinksAsync(string applicationId, int reviewers) =>
        (await WaitForMailsAsync(applicationId, "review-task", reviewers)).DistinctBy(m => m.To).Select(m => Links(m, "reviews").Single()).ToList();

    /// <summary>Waits until the outbox holds at least <paramref name="count"/> mails of a template for an application.</summary>
    public async Task<List<OutboxMail>> WaitForMailsAsync(string scope, string template, int count = 1, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? Patience);
        List<OutboxMail> mails = [];
        do
        {
            try
            {
                mails = (await OutboxAsync(scope)).Where(m => m.Template == template).ToList();
            }
            catch (HttpRequestException e) when (e.StatusCode >= HttpStatusCode.InternalServerError && DateTime.UtcNow < until)
            {
                // The dev outbox reads Azurite, which a loaded machine can leave behind its timeout: ask again.
            }

            if (mails.Count >= count)
            {
                return mails;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail($"Expected {count} '{template}' mails for {scope}, found {mails.Count}.");
        return mails;
    }

    /// <summary>The links of our API in a mail's plain text.</summary>
    public static List<string> Links(OutboxMail mail, string kind) =>
        LinkPattern().Matches(mail.Text).Select(m => m.Value).Where(l => l.Contains("/api/" + kind + "/", StringComparison.Ordinal)).ToList();

    /// <summary>When a signed link stops working, as its token says (read, not verified: the host verifies).</summary>
    public static DateTimeOffset ExpiryOf(string link)
    {
        var token = new Uri(link).AbsolutePath.Split('/')[3];
        var payload = System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.', StringComparison.Ordinal)));
        return DateTimeOffset.FromUnixTimeSeconds(JsonNode.Parse(payload)!["x"]!.GetValue<long>());
    }

    /// <summary>Waits until a signed link has expired (a second past its expiry, the token's resolution).</summary>
    public static async Task WaitUntilExpiredAsync(string link)
    {
        var wait = ExpiryOf(link) + TimeSpan.FromSeconds(1.5) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>The path and query of a link, to send it through this client's base address.</summary>
    public static string PathOf(string link) => new Uri(link).PathAndQuery.TrimStart('/');

    public async Task<HttpResponseMessage> VoteAsync(string reviewLink, int score, string recommendation)
    {
        var scores = TestEditions.Scores(score);
        var body = new JsonObject { ["scores"] = scores, ["recommendation"] = recommendation, ["comment"] = "Avis du membre.", ["comments"] = TestEditions.CommentsFor(scores) };
        return await SendAsync(HttpMethod.Post, PathOf(reviewLink), content: JsonContent.Create(body));
    }

    public async Task<HttpResponseMessage> UploadAsync(string uploadLink, byte[] file, string contentType = "application/pdf")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await SendAsync(HttpMethod.Put, PathOf(uploadLink), content: content);
    }

    public async Task<HttpResponseMessage> DecideAgreementAsync(string applicationId, string decision, string? reason = null) =>
        await SendAsync(HttpMethod.Post, $"api/applications/{applicationId}/agreement/decision", await StaffTokenAsync(),
            JsonContent.Create(new JsonObject { ["decision"] = decision, ["reason"] = reason }));

    /// <summary>
    /// What a selected applicant and staff do next: the signed agreement goes back through the link of the
    /// <paramref name="round"/>-th agreement email, then staff countersign it (or send it back with <paramref name="sendBack"/>).
    /// </summary>
    public async Task ReturnSignedAgreementAsync(string applicationId, int round = 0, string? sendBack = null)
    {
        var mail = (await WaitForMailsAsync(applicationId, "agreement-request", round + 1)).Single(m => m.DedupKey.EndsWith($"agreement-{round}", StringComparison.Ordinal));
        using (var upload = await UploadAsync(Links(mail, "uploads").Single(), TestFiles.Pdf("Convention signée")))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        // Staff can countersign once the lifecycle has taken the signed copy in.
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            using var decision = await DecideAgreementAsync(applicationId, sendBack is null ? "accept" : "reject", sendBack);
            if (decision.StatusCode == HttpStatusCode.Accepted)
            {
                return;
            }

            Assert.True(decision.StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < until,
                $"Countersigning answered {(int)decision.StatusCode}: {await decision.Content.ReadAsStringAsync()}");
            await Task.Delay(250);
        }
    }

    public async Task<HttpResponseMessage> ReleaseAsync(string applicationId, int tranche, decimal amount, string key, string reference = "TGR-TEST-1", string? bearer = null)
    {
        var body = new JsonObject { ["paymentReference"] = reference, ["amount"] = amount, ["valueDate"] = TestEditions.Today() };
        return await SendAsync(HttpMethod.Post, $"api/applications/{applicationId}/tranches/{tranche}/release", bearer ?? await FinanceTokenAsync(),
            JsonContent.Create(body), new Dictionary<string, string> { ["Idempotency-Key"] = key });
    }

    /// <summary>A report's figures and file as the JSON its link takes; <paramref name="change"/> adjusts it (a test of a refusal).</summary>
    public static JsonObject ReportBody(int jobsCreated = 3, int jobsMaintained = 5, int beneficiaries = 120, int beneficiariesWomen = 70,
        decimal amountSpent = 27000.50m, string narrative = "Atelier équipé, 120 bénéficiaires formés.", byte[]? file = null) => new()
    {
        ["jobsCreated"] = jobsCreated,
        ["jobsMaintained"] = jobsMaintained,
        ["beneficiaries"] = beneficiaries,
        ["beneficiariesWomen"] = beneficiariesWomen,
        ["amountSpent"] = amountSpent,
        ["narrative"] = narrative,
        ["file"] = new JsonObject
        {
            ["fileName"] = "rapport.pdf",
            ["contentType"] = "application/pdf",
            ["contentBase64"] = Convert.ToBase64String(file ?? TestFiles.Pdf("Rapport")),
        },
    };

    /// <summary>Sends a report as JSON through its link (from the report request email).</summary>
    public async Task<HttpResponseMessage> SubmitReportAsync(string reportLink, JsonObject? body = null) =>
        await SendAsync(HttpMethod.Post, PathOf(reportLink), content: JsonContent.Create(body ?? ReportBody()));

    /// <summary>Staff's decision on the latest version of report <paramref name="number"/>.</summary>
    public async Task<HttpResponseMessage> DecideReportAsync(string applicationId, int number, string decision, string? reason = null, string? bearer = null) =>
        await SendAsync(HttpMethod.Post, $"api/applications/{applicationId}/reports/{number}/decision", bearer ?? await StaffTokenAsync(),
            JsonContent.Create(new JsonObject { ["decision"] = decision, ["reason"] = reason }));

    /// <summary>The form link of the <paramref name="count"/>-th mail of a template (report-request, final-report-request, report-changes-requested).</summary>
    public async Task<string> ReportLinkAsync(string applicationId, string template, int count = 1, TimeSpan? timeout = null)
    {
        var mails = await WaitForMailsAsync(applicationId, template, count, timeout);
        return Links(mails.OrderBy(m => m.ReceivedAt).ElementAt(count - 1), "uploads").Single();
    }

    /// <summary>
    /// What an applicant and staff do for one report: the applicant sends it through the link of the mail, and staff accept it.
    /// Returns the report's number.
    /// </summary>
    public async Task<int> SubmitAndAcceptReportAsync(string applicationId, string template, int count = 1, TimeSpan? timeout = null)
    {
        var link = await ReportLinkAsync(applicationId, template, count, timeout);
        using var submitted = await SubmitReportAsync(link);
        var text = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, $"Report refused: {(int)submitted.StatusCode} {text}");
        var number = JsonNode.Parse(text)!["number"]!.GetValue<int>();
        using var accepted = await DecideReportAsync(applicationId, number, "accept", "Chiffres vérifiés.");
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, "Decision refused: " + await accepted.Content.ReadAsStringAsync());
        return number;
    }

    /// <summary>After the last tranche: the final report sent and accepted, so that the application closes.</summary>
    public Task<int> FinalReportAcceptedAsync(string applicationId, TimeSpan? timeout = null) =>
        SubmitAndAcceptReportAsync(applicationId, "final-report-request", 1, timeout);

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex LinkPattern();

    public void Dispose() => Http.Dispose();
}
