using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mouazara.Security;
using Mouazara.Testing;
using Mouazara.Tests.Intake.Support;
using Xunit.Abstractions;

namespace Mouazara.Tests.Http;

/// <summary>
/// Structure-aware fuzzing of every route of the API over real HTTP (the local host on Azurite, with every provider's
/// secret configured): valid requests built per route (signed webhooks, provider payloads with their credentials,
/// staff and finance tokens, signed links, multipart uploads, edition and release bodies), then mutated — values
/// replaced by hostile fragments, properties dropped, bytes cut or flipped, headers and tokens changed. No answer may be a
/// 500 and the host may log nothing at Error or Critical. The suite runs 2,000 cases; scripts/fuzz.sh runs 100,000
/// (MOUAZARA_FUZZ_COUNT).
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    const string FakeApplication = "MZ-FUZZ0000000A";

    static readonly string[] Fragments =
    [
        "null", "true", "0", "-1", "1e400", "-0.000001", "123456789012345678901234567890", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "[]", "{}",
        "\"MA-99\"", "\"../../etc/passwd\"", "\"<script>alert(1)</script>\"", "\"2015-02-30\"", "\"' OR 1=1 --\"", "\"\u202Eevil\"",
        "\"" + new string('ب', 3000) + "\"", "[" + string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60)) + "]",
        "\"PartitionKey eq 'x'\"", "\"%00\"", "\"http://169.254.169.254/latest\"",
    ];

    static readonly string[] PathValues =
    [
        FakeApplication, "demo", "..", "%2e%2e%2f", "a%00b", "%", "MZ-" + new string('Z', 300), "'", "1", "-1", "99999999999", "0", "édition",
        "x;y", "PartitionKey eq ''", "statutes", "progress-report", "<x>", " ", "a/b",
    ];

    static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-16", "multipart/form-data; boundary=fuzz", "multipart/form-data",
        "application/x-www-form-urlencoded", "text/plain", "application/pdf", "application/octet-stream", "garbage/;;;",
    ];

    sealed record FuzzCase(string Method, string Path, Dictionary<string, string> Headers, byte[]? Body, string? ContentType)
    {
        public override string ToString() =>
            $"{Method} {Path} [{string.Join("; ", Headers.Select(h => h.Key + ": " + h.Value[..Math.Min(40, h.Value.Length)]))}] {ContentType} " +
            (Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300)));
    }

    sealed record Context(string StaffToken, string FinanceToken, IReadOnlyDictionary<string, string> Tokens, string Edition);

    [Fact]
    public async Task Generated_requests_on_every_route_never_get_a_500_or_an_error_log()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("MOUAZARA_FUZZ_COUNT"), CultureInfo.InvariantCulture, out var n) ? n : 2000;
        var stack = await IntakeStack.SharedAsync();
        var errors = new ConcurrentQueue<string>();
        stack.Host.Services.GetRequiredService<ILoggerFactory>().AddProvider(new ErrorCapture(errors));

        var client = stack.Client;
        var edition = await stack.NewEditionAsync("fuzz");
        var links = stack.Host.Services.GetRequiredService<LinkTokens>();
        var expires = DateTimeOffset.UtcNow.AddDays(7).ToUnixTimeSeconds();
        var context = new Context(await client.StaffTokenAsync(), await client.FinanceTokenAsync(), new Dictionary<string, string>
        {
            ["status"] = links.Issue(new LinkClaims(LinkPurposes.Status, FakeApplication, edition, expires)),
            ["uploads"] = links.Issue(new LinkClaims(LinkPurposes.Upload, FakeApplication, edition, expires, DocumentType: "statutes", Stage: "documents")),
            ["reviews"] = links.Issue(new LinkClaims(LinkPurposes.Review, FakeApplication, edition, expires, MemberId: "m-ar")),
            ["files"] = links.Issue(new LinkClaims(LinkPurposes.Download, FakeApplication, edition, expires, DocumentType: "statutes", Reader: "applicant")),
        }, edition);

        // One run seed (printed, or MOUAZARA_FUZZ_SEED to replay) gives every case's route and seed, so a failing case can be
        // rebuilt alone: MOUAZARA_FUZZ_CASE=<route template>@<case seed> sends exactly that request (count times).
        var runSeed = int.TryParse(Environment.GetEnvironmentVariable("MOUAZARA_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        output.WriteLine($"fuzz seed {runSeed} (replay: MOUAZARA_FUZZ_SEED={runSeed})");
        var only = Environment.GetEnvironmentVariable("MOUAZARA_FUZZ_CASE")?.Split('@');
        var master = new Random(runSeed);
        var cases = Enumerable.Range(0, count).Select(_ =>
        {
            var route = only is [var template, _] ? ApiRoutes.All.Single(r => r.Template == template) : Pick(master, ApiRoutes.All);
            var seed = only is [_, var replay] ? int.Parse(replay, CultureInfo.InvariantCulture) : master.Next();
            return (Seed: $"{route.Template}@{seed}", Case: Build(route, new Random(seed), context));
        }).ToList();

        var statuses = new ConcurrentDictionary<int, int>();
        var perRoute = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = stack.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, cancellationToken) =>
        {
            var (caseSeed, fuzz) = item;
            using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Path);
            if (fuzz.Body is not null)
            {
                request.Content = new ByteArrayContent(fuzz.Body);
                if (fuzz.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
                }
            }

            foreach (var (name, value) in fuzz.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (TaskCanceledException)
            {
                failures.Enqueue($"no answer in 120 s for case {caseSeed}: {fuzz}");
                return;
            }

            using var _ = response;
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
            perRoute.AddOrUpdate(fuzz.Path.Split('/').ElementAtOrDefault(2) ?? "", 1, (_, c) => c + 1);
            if (status >= 500 && status != 503)
            {
                failures.Enqueue($"{status} for case {caseSeed}: {fuzz}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });

        output.WriteLine($"{count} requests in {clock.Elapsed.TotalSeconds:F0} s; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        output.WriteLine("per route prefix: " + string.Join(", ", perRoute.OrderBy(r => r.Key).Select(r => $"{r.Key}×{r.Value}")));
        foreach (var line in failures.Take(30).Concat(errors.Take(20)))
        {
            output.WriteLine(line);
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} answers of 5xx:\n" + string.Join("\n", failures.Take(5)));
        Assert.True(errors.IsEmpty, $"{errors.Count} error logs:\n" + string.Join("\n", errors.Take(5)));
        // Every route was reached (the generator picks among ApiRoutes.All).
        Assert.True(statuses.Values.Sum() == count);
    }

    /// <summary>A request that is valid for its route, then perhaps mutated.</summary>
    static FuzzCase Build(ApiRoute route, Random random, Context context)
    {
        var method = random.Next(20) == 0 ? Pick(random, ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]) : Pick(random, [.. route.Methods]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? provider = null;
        var path = "/api/" + string.Concat(route.Template.Split('/').Select((segment, i) => (i == 0 ? "" : "/") + segment switch
        {
            "{token}" => Token(random, context, route.Template.Split('/')[0]),
            "{provider}" => provider = random.Next(10) == 0 ? Pick(random, PathValues) : Pick(random, ["generic", "generic", "kobo", "typeform", "tally"]),
            "{id}" => random.Next(3) == 0 ? Pick(random, PathValues) : route.Template.StartsWith("editions", StringComparison.Ordinal) ? context.Edition
                : route.Template.StartsWith("intake/deliveries", StringComparison.Ordinal) ? "kobo-" + NewGuid(random) : FakeApplication,
            "{n}" => random.Next(4) == 0 ? Pick(random, PathValues) : random.Next(1, 4).ToString(CultureInfo.InvariantCulture),
            "{documentType}" => random.Next(4) == 0 ? Pick(random, PathValues) : Pick(random, [.. TestSubmissions.AllAssociationDocuments]),
            _ => segment,
        }));
        if (random.Next(6) == 0)
        {
            path += Pick(random, ["?edition=" + context.Edition, "?status=due", "?pageSize=0", "?continuationToken=%zz", "?edition=&status=x&format=xlsx",
                "?format=csv", "?pageSize=99999999999", "?status=rejected&provider=nope"]);
        }

        // Who calls: mostly the right role, sometimes none, another role or a broken token.
        switch (random.Next(8))
        {
            case < 4:
                headers["Authorization"] = "Bearer " + context.StaffToken;
                break;
            case 4:
                headers["Authorization"] = "Bearer " + context.FinanceToken;
                break;
            case 5:
                headers["Authorization"] = "Bearer " + Mutate(random, context.StaffToken);
                break;
            case 6:
                headers["Authorization"] = Pick(random, ["Bearer", "Basic Og==", "Bearer a.b.c", "Bearer " + new string('x', 9000), "bearer  ", "Bearer eyJhbGciOiJub25lIn0.e30."]);
                break;
        }

        if (random.Next(2) == 0)
        {
            headers["Idempotency-Key"] = random.Next(5) == 0 ? Pick(random, ["", new string('k', 500), "%D0%BA%D0%BB", " "]) : "fuzz-" + random.Next(50);
        }

        if (random.Next(4) == 0)
        {
            headers["Accept"] = Pick(random, ["text/html", "application/json", "*/*", "text/csv", "garbage", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
        }

        var (body, contentType) = Body(route, random, context, provider, headers);
        if (body is not null && random.Next(3) == 0)
        {
            body = MutateBytes(random, body);
        }

        if (random.Next(10) == 0)
        {
            contentType = Pick(random, ContentTypes);
        }

        return new FuzzCase(method, path, headers, method is "GET" or "HEAD" && random.Next(4) != 0 ? null : body, contentType);
    }

    static (byte[]? Body, string? ContentType) Body(ApiRoute route, Random random, Context context, string? provider, Dictionary<string, string> headers)
    {
        if (route == ApiRoutes.ReceiveSubmission)
        {
            if (provider is "kobo" or "typeform" or "tally")
            {
                // An authenticated provider delivery is kept and processed by the engine: 1 in 10 authenticated, the rest refused at the door.
                var payload = Samples.Load(provider);
                if (provider == "kobo" && random.Next(20) != 0)
                {
                    // Mostly distinct submissions; 1 in 20 keeps the sample's id, so one key also arrives with many bodies at once.
                    payload["_id"] = random.Next();
                    payload["meta/instanceID"] = "uuid:" + NewGuid(random);
                }

                var sample = Encoding.UTF8.GetBytes(MutateJson(random, payload));
                if (random.Next(10) == 0)
                {
                    foreach (var (name, value) in ProviderAuth(provider, sample))
                    {
                        headers[name] = value;
                    }
                }

                return (sample, "application/json");
            }

            var submission = TestSubmissions.Build(random.Next(3) == 0 ? context.Edition : "fz-" + random.Next(5), "fuzz-" + NewGuid(random).ToString("N")[..12], ["statutes"]);
            var bytes = Encoding.UTF8.GetBytes(MutateJson(random, submission));
            var timestamp = random.Next(10) == 0 ? Pick(random, ["", "abc", "-1", "99999999999999999999", "1"]) : DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            headers["X-Mouazara-Timestamp"] = timestamp;
            headers["X-Mouazara-Signature"] = random.Next(8) == 0 ? Pick(random, ["", "sha256=", "sha256=zz", "md5=00"])
                : MouazaraClient.Sign(random.Next(6) == 0 ? "wrong-secret" : IntakeStack.GenericSecret, timestamp, bytes);
            return (bytes, "application/json");
        }

        if (route == ApiRoutes.UploadDocument)
        {
            var file = Pick(random, [TestFiles.Pdf(), Encoding.UTF8.GetBytes("%PDF-1.4 not really"), [], Bytes(random, random.Next(1, 2000))]);
            if (random.Next(2) == 0)
            {
                return (file, Pick(random, ["application/pdf", "image/png", "application/octet-stream"]));
            }

            var boundary = "fuzz" + random.Next(1000);
            var multipart = new StringBuilder()
                .Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(Pick(random, ["file", "", "x\"y", "file"]))
                .Append("\"; filename=\"").Append(Pick(random, ["a.pdf", "../../a.pdf", "", "ملف.pdf", new string('n', 600)])).Append("\"\r\nContent-Type: application/pdf\r\n\r\n").ToString();
            var bytes = Encoding.UTF8.GetBytes(multipart).Concat(file).Concat(Encoding.UTF8.GetBytes(random.Next(4) == 0 ? "" : $"\r\n--{boundary}--\r\n")).ToArray();
            return (bytes, $"multipart/form-data; boundary={(random.Next(6) == 0 ? "other" : boundary)}");
        }

        JsonNode? json = null;
        if (route == ApiRoutes.PutEdition)
        {
            json = TestEditions.Fast(random.Next(4) == 0 ? "other-" + random.Next(3) : context.Edition);
        }
        else if (route == ApiRoutes.ReleaseTranche)
        {
            json = new JsonObject { ["paymentReference"] = "TGR-FUZZ-" + random.Next(100), ["amount"] = 20000, ["valueDate"] = TestEditions.Today() };
        }
        else if (route == ApiRoutes.CastVote)
        {
            json = new JsonObject { ["score"] = 80, ["recommendation"] = "approve", ["comment"] = "ok", ["criteria"] = new JsonObject { ["impact"] = 4 } };
        }
        else if (route.Methods.Contains("POST"))
        {
            json = new JsonObject
            {
                ["decision"] = Pick(random, ["approve", "reject", "eligible", "ineligible", "accept", "send-back", "x"]), ["reason"] = "Fuzz reason text",
                ["applicationId"] = FakeApplication, ["selected"] = new JsonArray(FakeApplication), ["version"] = 1,
            };
        }

        if (json is null)
        {
            return (null, null);
        }

        if (route == ApiRoutes.DecideReport && random.Next(2) == 0)
        {
            json = MouazaraClient.ReportBody();
        }

        return (Encoding.UTF8.GetBytes(MutateJson(random, json)), "application/json");
    }

    static IEnumerable<(string Name, string Value)> ProviderAuth(string provider, byte[] body) => provider switch
    {
        "kobo" => [("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(IntakeStack.KoboCredentials)))],
        "typeform" => [("Typeform-Signature", "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(IntakeStack.TypeformSecret), body)))],
        _ => [("Tally-Signature", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(IntakeStack.TallySecret), body)))],
    };

    static string Token(Random random, Context context, string kind) => random.Next(5) switch
    {
        0 => Pick(random, PathValues),
        1 => Mutate(random, context.Tokens.GetValueOrDefault(kind) ?? "x.y"),
        // A valid token of another purpose.
        2 => Pick(random, [.. context.Tokens.Values]),
        _ => context.Tokens.GetValueOrDefault(kind) ?? "x.y",
    };

    /// <summary>
    /// Zero to three structural changes: a value replaced by a hostile fragment (written raw, so it may even be invalid
    /// JSON or a lone surrogate), a property dropped, one added. Returns the body's text.
    /// </summary>
    static string MutateJson(Random random, JsonNode json)
    {
        var copy = json.DeepClone();
        var raw = new List<(string Marker, string Fragment)>();
        JsonNode Placeholder()
        {
            var marker = "§§fuzz" + raw.Count + "§§";
            raw.Add((marker, Pick(random, Fragments)));
            return JsonValue.Create(marker);
        }

        for (var i = random.Next(4); i > 0; i--)
        {
            var values = new List<JsonNode>();
            Collect(copy, values);
            if (values.Count == 0)
            {
                break;
            }

            var target = values[random.Next(values.Count)];
            var replacement = random.Next(5) == 0 ? null : Placeholder();
            switch (target.Parent)
            {
                case JsonObject parent:
                    var name = parent.First(p => ReferenceEquals(p.Value, target)).Key;
                    if (random.Next(3) == 0)
                    {
                        parent.Remove(name);
                    }
                    else
                    {
                        parent[name] = replacement;
                    }

                    if (random.Next(6) == 0)
                    {
                        parent["unexpected" + random.Next(3)] = Placeholder();
                    }

                    break;
                case JsonArray array:
                    array[array.IndexOf(target)] = replacement;
                    break;
            }
        }

        var text = copy.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var (marker, fragment) in raw)
        {
            text = text.Replace("\"" + marker + "\"", fragment, StringComparison.Ordinal);
        }

        return text;
    }

    static void Collect(JsonNode node, List<JsonNode> values)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    if (child is not null)
                    {
                        values.Add(child);
                        Collect(child, values);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        values.Add(child);
                        Collect(child, values);
                    }
                }

                break;
        }
    }

    static byte[] MutateBytes(Random random, byte[] body)
    {
        if (body.Length == 0)
        {
            return Bytes(random, random.Next(1, 64));
        }

        var copy = body.ToArray();
        switch (random.Next(5))
        {
            case 4:
                // Deeper than any JSON reader here accepts (64).
                return Encoding.ASCII.GetBytes(new string('[', 5000) + new string(']', 5000));
            case 0:
                return copy[..random.Next(copy.Length)];
            case 1:
                for (var i = random.Next(1, 8); i > 0; i--)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                return copy;
            case 2:
                return [0xEF, 0xBB, 0xBF, .. copy];
            default:
                return [.. copy, .. Bytes(random, random.Next(1, 64))];
        }
    }

    static string Mutate(Random random, string token)
    {
        var chars = token.ToCharArray();
        switch (random.Next(4))
        {
            case 0:
                return token[..random.Next(token.Length)];
            case 1:
                chars[random.Next(chars.Length)] = Pick(random, ['A', '.', '-', '_', '%', '~']);
                return new string(chars);
            case 2:
                var dot = token.IndexOf('.', StringComparison.Ordinal);
                return dot < 0 ? token + "." : token[(dot + 1)..] + "." + token[..dot];
            default:
                return token + Pick(random, [".", "..x", "=", "%00"]);
        }
    }

    static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    // Drawn from the case's Random (not Guid.NewGuid or the system RNG) so that a case seed rebuilds the same request.
    static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    static Guid NewGuid(Random random) => new(Bytes(random, 16));

    /// <summary>Keeps every Error or Critical line the host writes while the fuzz runs.</summary>
    sealed class ErrorCapture(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

        public void Dispose()
        {
        }

        sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
