using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mouazara.Security;
using Mouazara.Testing;

namespace Mouazara.Bench;

/// <summary>The host's users over HTTP: a form provider signing deliveries, applicants, committee members, finance, staff.</summary>
sealed class Driver : IDisposable
{
    public const string WebhookSecret = "local-generic-webhook-secret";
    static readonly byte[] Secret = Encoding.UTF8.GetBytes(WebhookSecret);
    string? staff;
    string? finance;

    public Driver(Uri baseAddress)
    {
        // A 503 with Retry-After is asked again, as the API asks every caller to: a step of a lifecycle that met a
        // moment of storage trouble is slower, not failed, as it would be for a person or a form provider.
        var sockets = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        Http = new HttpClient(new BusyRetryHandler(() => true, sockets))
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    public HttpClient Http { get; }

    public async Task<(HttpStatusCode Status, string? ApplicationId)> SubmitAsync(byte[] body, CancellationToken cancellationToken = default)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/generic") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Mouazara-Timestamp", timestamp);
        request.Headers.Add("X-Mouazara-Signature", WebhookSignature.Compute(Secret, timestamp, body));
        using var response = await Http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return (response.StatusCode, null);
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return (response.StatusCode, answer!["applicationId"]!.GetValue<string>());
    }

    public async Task<HttpStatusCode> UploadAsync(string link, HttpContent content, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(link)) { Content = content };
        using var response = await Http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    public Task<HttpStatusCode> UploadAsync(string link, byte[] file, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return UploadAsync(link, content, cancellationToken);
    }

    /// <summary>A report as an applicant's program sends it through its link: figures and the file, as JSON. Returns its number, or null when refused.</summary>
    public async Task<int?> SubmitReportAsync(string link, byte[] file, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["jobsCreated"] = 3, ["jobsMaintained"] = 5, ["beneficiaries"] = 120, ["beneficiariesWomen"] = 70, ["amountSpent"] = 27000.50m,
            ["narrative"] = "Atelier équipé, 120 bénéficiaires formés.",
            ["file"] = new JsonObject { ["fileName"] = "rapport.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(file) },
        };
        using var submitted = await Http.PostAsync(new Uri(link), JsonContent.Create(body), cancellationToken);
        if (submitted.StatusCode != HttpStatusCode.Created)
        {
            await ShowRefusalAsync("report submission", submitted, cancellationToken);
            return null;
        }

        return (await submitted.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["number"]!.GetValue<int>();
    }

    /// <summary>Staff accept the latest version of a report.</summary>
    public async Task<HttpStatusCode> DecideReportAsync(string applicationId, int number, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{applicationId}/reports/{number}/decision")
        {
            Content = JsonContent.Create(new JsonObject { ["decision"] = "accept", ["reason"] = "Chiffres vérifiés." }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staff ??= await TokenAsync("staff"));
        using var response = await Http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            await ShowRefusalAsync($"report decision of {applicationId}", response, cancellationToken);
        }

        return response.StatusCode;
    }

    /// <summary>A refusal the scenario counts as a failure, with its problem details: the failure line alone cannot say which call and why.</summary>
    static async Task ShowRefusalAsync(string what, HttpResponseMessage response, CancellationToken cancellationToken) =>
        BenchProgram.Progress($"  {what} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");

    /// <summary>Staff countersign the signed agreement, as they do once the product told them it waits for them.</summary>
    public async Task<HttpStatusCode> CountersignAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{applicationId}/agreement/decision")
        {
            Content = JsonContent.Create(new JsonObject { ["decision"] = "accept" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staff ??= await TokenAsync("staff"));
        using var response = await Http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            await ShowRefusalAsync($"countersigning of {applicationId}", response, cancellationToken);
        }

        return response.StatusCode;
    }

    public async Task<HttpStatusCode> VoteAsync(string link, int score, CancellationToken cancellationToken = default)
    {
        var scores = TestEditions.Scores(score);
        var body = new JsonObject { ["scores"] = scores, ["recommendation"] = "approve", ["comment"] = "Avis du membre.", ["comments"] = TestEditions.CommentsFor(scores) };
        using var response = await Http.PostAsync(new Uri(link), JsonContent.Create(body), cancellationToken);
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> ReleaseAsync(string applicationId, int tranche, decimal amount, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["paymentReference"] = $"TGR-BENCH-{tranche}", ["amount"] = amount, ["valueDate"] = TestEditions.Today() };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{applicationId}/tranches/{tranche}/release") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", finance ??= await TokenAsync("finance"));
        request.Headers.Add("Idempotency-Key", $"bench-{applicationId}-{tranche}");
        using var response = await Http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    public async Task PutEditionAsync(JsonObject edition)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/editions/" + edition["id"]) { Content = JsonContent.Create(edition) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staff ??= await TokenAsync("staff"));
        using var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("Edition refused: " + await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// What staff do once an edition's applications are shortlisted: close the call, then a second staff member
    /// confirms the proposal. True when the selection was confirmed.
    /// </summary>
    public async Task<bool> SelectAsync(string edition, CancellationToken cancellationToken = default)
    {
        async Task<HttpStatusCode> Post(string path, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Http.SendAsync(request, cancellationToken);
            return response.StatusCode;
        }

        var first = staff ??= await TokenAsync("staff");
        if (await Post($"api/editions/{edition}/close", first) != HttpStatusCode.Accepted)
        {
            return false;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, $"api/editions/{edition}/selection");
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", first);
            using var answer = await Http.SendAsync(read, cancellationToken);
            var selection = await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            if (selection?["status"]?.GetValue<string>() == "proposed")
            {
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        return await Post($"api/editions/{edition}/selection/confirm", await TokenAsync("staff", "bench-second-officer")) == HttpStatusCode.OK;
    }

    async Task<string> TokenAsync(string role, string? subject = null)
    {
        var body = await Http.GetFromJsonAsync<JsonObject>($"dev/token?role={role}" + (subject is null ? "" : "&subject=" + subject));
        return body!["token"]!.GetValue<string>();
    }

    public async Task<List<StorageCount>> StorageRequestsAsync() =>
        (await Http.GetFromJsonAsync<List<StorageCount>>("dev/storage-requests", JsonOptions))!;

    public async Task<JsonObject> RuntimeAsync(bool watchSeconds = false, int seconds = 0)
    {
        if (watchSeconds)
        {
            using var response = await Http.PostAsync(new Uri($"dev/runtime/watch?seconds={seconds}", UriKind.Relative), null);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        return (await Http.GetFromJsonAsync<JsonObject>("dev/runtime"))!;
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public void Dispose() => Http.Dispose();
}

/// <summary>One line of the host's /dev/storage-requests (and of the bench's own counts for the floors).</summary>
sealed record StorageCount(string Origin, string Service, string Operation, string Resource, long Count);

/// <summary>Generic-webhook bodies, built from a template so a burst costs the bench little CPU.</summary>
sealed class SubmissionTemplate
{
    const string IdMark = "@@SUBMISSION@@";
    const string FileMark = "@@FILE@@";
    readonly List<byte[]> parts = [];
    readonly List<char> holes = [];
    readonly byte[] file;

    /// <summary>A submission with the given documents, each carrying the same file (base64), for the edition.</summary>
    public SubmissionTemplate(string edition, IReadOnlyList<string> documentTypes, byte[] fileContent)
    {
        var body = TestSubmissions.Build(edition, IdMark, []);
        body["documents"] = new JsonArray(documentTypes.Select(type => (JsonNode)new JsonObject
        {
            ["type"] = type,
            ["fileName"] = type + ".pdf",
            ["contentType"] = "application/pdf",
            ["contentBase64"] = FileMark,
        }).ToArray());
        file = Encoding.ASCII.GetBytes(Convert.ToBase64String(fileContent));
        var text = body.ToJsonString();
        var at = 0;
        while (true)
        {
            var id = text.IndexOf(IdMark, at, StringComparison.Ordinal);
            var doc = text.IndexOf(FileMark, at, StringComparison.Ordinal);
            var next = id < 0 ? doc : doc < 0 ? id : Math.Min(id, doc);
            if (next < 0)
            {
                parts.Add(Encoding.UTF8.GetBytes(text[at..]));
                break;
            }

            parts.Add(Encoding.UTF8.GetBytes(text[at..next]));
            holes.Add(next == id ? 'i' : 'f');
            at = next + (next == id ? IdMark.Length : FileMark.Length);
        }
    }

    public byte[] Build(string submissionId)
    {
        var id = Encoding.UTF8.GetBytes(submissionId);
        var length = parts.Sum(p => p.Length) + holes.Sum(h => h == 'i' ? id.Length : file.Length);
        var body = new byte[length];
        var at = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            parts[i].CopyTo(body, at);
            at += parts[i].Length;
            if (i < holes.Count)
            {
                var hole = holes[i] == 'i' ? id : file;
                hole.CopyTo(body, at);
                at += hole.Length;
            }
        }

        return body;
    }
}
