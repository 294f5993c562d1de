using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mouazara.Intake;
using Mouazara.Intake.Inbox;
using Mouazara.Intake.Mapping;
using Mouazara.Local.Configuration;
using Mouazara.Testing;
using Mouazara.Tests.Intake.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// Every provider's parser and mapping survives whatever arrives, authenticated or not: truncated JSON, wrong
/// types, huge numbers, deep nesting, invalid UTF-8, a byte-order mark, random bytes. Reading a delivery gives a
/// submission or reasons, never an exception; the webhook answers 202 or a 4xx, never a 500.
/// </summary>
public sealed class ParserFuzzTests
{
    static readonly string[] Providers = ["kobo", "typeform", "tally"];

    /// <summary>The demo mappings, which read the samples' forms.</summary>
    static readonly MappingStore DemoMappings = new(
        Options.Create(new IntakeOptions { MappingsPath = Path.Combine(LocalSettings.FindRepoRoot(), "editions", "mappings") }), NullLogger<MappingStore>.Instance);

    static readonly Dictionary<string, byte[]> SampleBytes = Providers.ToDictionary(p => p, p => Encoding.UTF8.GetBytes(Samples.Load(p).ToJsonString()));

    /// <summary>Values that are the wrong type for any question, or hard to read at all.</summary>
    static readonly string[] Fragments =
    [
        "null", "true", "false", "0", "-0", "1e400", "-1e400", "123456789012345678901234567890.123456789", "1E-400", "0.0000000000000000000000000001",
        "\"\"", "\"   \"", "\"\\u0000\"", "\"\\ud800\"", "\"MA-99\"", "\"oui non\"", "\"45 000,5\"", "\"1e9\"", "\"٤٥٠٠٠\"", "\"2015-02-30\"",
        "[]", "{}", "[null]", "[{\"url\":\"http://169.254.169.254/\"}]", "{\"label\":null}", "[\"x\",1,true,{}]",
        "\"" + new string('ب', 5000) + "\"", "\"\u202Eevil\"",
    ];

    static Gen<string> Fragment() => Gen.OneOf(
        Gen.Elements(Fragments),
        Gen.Choose(1, 300).Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Choose(1, 300).Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)),
        ArbMap.Default.GeneratorFor<string>().Select(s => JsonSerializer.Serialize(s ?? "")),
        ArbMap.Default.GeneratorFor<decimal>().Select(d => d.ToString(CultureInfo.InvariantCulture)),
        ArbMap.Default.GeneratorFor<double>().Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e308"));

    /// <summary>The sample with one value, anywhere in it, replaced by a fragment (written raw, so it may not even be JSON).</summary>
    static byte[] Replace(byte[] sampleBytes, int pick, string fragment)
    {
        var json = JsonNode.Parse(sampleBytes)!;
        var values = new List<JsonNode>();
        Collect(json, values);
        var target = values[pick % values.Count];
        const string Marker = "§§fuzz§§";
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = Marker;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = Marker;
                break;
        }

        return Encoding.UTF8.GetBytes(json.ToJsonString().Replace("\"" + Marker + "\"", fragment, StringComparison.Ordinal));
    }

    static void Collect(JsonNode? node, List<JsonNode> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o.ToList())
                {
                    if (child is not null)
                    {
                        into.Add(child);
                        Collect(child, into);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a.ToList())
                {
                    if (child is not null)
                    {
                        into.Add(child);
                        Collect(child, into);
                    }
                }

                break;
        }
    }

    /// <summary>Ways a delivery's bytes go wrong.</summary>
    static Gen<byte[]> Mangled(string provider) => Mangled(SampleBytes[provider]);

    static Gen<byte[]> Mangled(byte[] sample)
    {
        return Gen.OneOf(
            Gen.Choose(0, sample.Length - 1).Select(n => sample[..n]),
            Gen.Zip(Gen.Choose(0, int.MaxValue), Fragment()).Select(p => Replace(sample, p.Item1, p.Item2)),
            Gen.Zip(Gen.Choose(0, sample.Length - 1), Gen.Elements<byte>(0xFF, 0xC3, 0x80, 0xED, 0x00, (byte)'"', (byte)'{')).Select(p =>
            {
                var copy = (byte[])sample.Clone();
                copy[p.Item1] = p.Item2;
                return copy;
            }),
            Gen.Constant<byte[]>([0xEF, 0xBB, 0xBF, .. sample]),
            Gen.Constant<byte[]>([0xFE, 0xFF, .. sample]),
            ArbMap.Default.GeneratorFor<byte[]>(),
            Gen.Choose(1, 5000).Select(depth => Encoding.ASCII.GetBytes(new string('[', depth))));
    }

    static void ReadsWithoutThrowing(string provider, byte[] body)
    {
        var (submission, errors, questions, formId) = DeliveryReader.Read(provider, body, DemoMappings);
        Assert.True(submission is not null ^ errors.Count > 0, "A delivery reads as a submission or as reasons, not both, not neither.");
        Assert.True(questions.Count <= 200);
        var key = DeliveryInbox.KeyFor(submission?.SubmissionId, body);
        Assert.True(DeliveryInbox.TryParsePublicId(DeliveryInbox.PublicId(provider, key), out _, out var parsed) && parsed == key, key);
        _ = formId;
    }

    [Property(MaxTest = 400)]
    public Property A_mangled_Kobo_delivery_reads_as_reasons_or_a_submission_and_never_throws() =>
        Prop.ForAll(Arb.From(Mangled("kobo")), body => ReadsWithoutThrowing("kobo", body));

    [Property(MaxTest = 400)]
    public Property A_mangled_Typeform_delivery_reads_as_reasons_or_a_submission_and_never_throws() =>
        Prop.ForAll(Arb.From(Mangled("typeform")), body => ReadsWithoutThrowing("typeform", body));

    [Property(MaxTest = 400)]
    public Property A_mangled_Tally_delivery_reads_as_reasons_or_a_submission_and_never_throws() =>
        Prop.ForAll(Arb.From(Mangled("tally")), body => ReadsWithoutThrowing("tally", body));

    [Fact]
    public void The_untouched_samples_map_to_submissions_of_the_demo_edition()
    {
        foreach (var provider in Providers)
        {
            var (submission, errors, _, _) = DeliveryReader.Read(provider, SampleBytes[provider], DemoMappings);
            Assert.True(submission is not null, provider + ": " + JsonSerializer.Serialize(errors));
            Assert.Equal("demo", submission.Edition);
        }
    }

    [Property(MaxTest = 150)]
    public Property A_mangled_mapping_file_is_reported_never_half_used_and_never_throws() =>
        Prop.ForAll(Arb.From(Gen.Elements(Providers).SelectMany(p => Gen.Zip(Gen.Choose(0, int.MaxValue), Fragment()).Select(f => (Provider: p, Pick: f.Item1, Fragment: f.Item2)))), input =>
        {
            var folder = Directory.CreateTempSubdirectory("mouazara-fuzz-mappings-");
            try
            {
                var mapping = File.ReadAllBytes(Path.Combine(LocalSettings.FindRepoRoot(), "editions", "mappings", $"demo.{input.Provider}.json"));
                var json = JsonNode.Parse(mapping)!;
                var values = new List<JsonNode>();
                Collect(json, values);
                var target = values[input.Pick % values.Count];
                const string Marker = "§§fuzz§§";
                if (target.Parent is JsonObject parent)
                {
                    parent[target.GetPropertyName()] = Marker;
                }
                else if (target.Parent is JsonArray array)
                {
                    array[target.GetElementIndex()] = Marker;
                }

                File.WriteAllText(Path.Combine(folder.FullName, $"demo.{input.Provider}.json"), json.ToJsonString().Replace("\"" + Marker + "\"", input.Fragment, StringComparison.Ordinal));
                var store = new MappingStore(Options.Create(new IntakeOptions { MappingsPath = folder.FullName }), NullLogger<MappingStore>.Instance);
                var (submission, errors, _, _) = DeliveryReader.Read(input.Provider, SampleBytes[input.Provider], store);
                Assert.True(submission is not null ^ errors.Count > 0);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        });

    [Fact]
    public async Task Signed_junk_to_every_webhook_is_answered_202_or_4xx_never_500()
    {
        var stack = await IntakeStack.SharedAsync();
        var junk = Providers.SelectMany(provider => Mangled(provider).Sample(8, 25).Select(body => (provider, body))).ToList();
        junk.Add(("kobo", [0xEF, 0xBB, 0xBF, .. "{\"_uuid\":\"bom-"u8.ToArray(), .. Encoding.UTF8.GetBytes(Guid.NewGuid() + "\"}")]));
        junk.Add(("tally", [.. "{\"data\":{\"responseId\":\""u8.ToArray(), 0xFF, 0xFE, .. "\"}}"u8.ToArray()]));

        foreach (var (provider, body) in junk)
        {
            using var response = await stack.DeliverAsync(provider, body);
            var status = (int)response.StatusCode;
            Assert.True(status is 202 or 413, $"{provider}: {status} {await response.Content.ReadAsStringAsync()}");
        }

        // The generic webhook, JSON and multipart: 4xx with problem details.
        foreach (var body in Mangled("kobo").Sample(8, 10))
        {
            foreach (var contentType in new[] { "application/json", "multipart/form-data; boundary=fuzz" })
            {
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                using var response = await stack.PostAsync("generic", body, new Dictionary<string, string>
                {
                    ["X-Mouazara-Timestamp"] = timestamp,
                    ["X-Mouazara-Signature"] = MouazaraClient.Sign("local-generic-webhook-secret", timestamp, body),
                }, contentType);
                Assert.True((int)response.StatusCode is >= 400 and < 500, $"generic {contentType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    [Theory]
    [InlineData("kobo")]
    [InlineData("typeform")]
    [InlineData("tally")]
    public async Task A_signed_delivery_with_a_lone_surrogate_escape_is_accepted_then_rejected_with_its_reason_not_a_500(string provider)
    {
        // Found by the API fuzzer: "\ud800" is valid JSON syntax, but reading that string threw, and the webhook answered 500.
        var stack = await IntakeStack.SharedAsync();
        var (sample, _) = Rekeyed(provider);
        var json = JsonNode.Parse(sample)!;
        var form = provider switch { "kobo" => json, "typeform" => json["form_response"]!, _ => json["data"]! };
        form[provider switch { "kobo" => "_xform_id_string", "typeform" => "form_id", _ => "formId" }] = "§§surrogate§§";
        var body = Encoding.UTF8.GetBytes(json.ToJsonString().Replace("\"§§surrogate§§\"", "\"\\ud800\"", StringComparison.Ordinal));

        using var response = await stack.DeliverAsync(provider, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        var answer = JsonNode.Parse(text)!;
        Assert.Equal(DeliveryStatuses.Received, answer["status"]!.GetValue<string>());

        // Kept like any unreadable delivery: rejected, with a reason staff can read.
        var kept = await stack.WaitForDeliveryAsync(answer["deliveryId"]!.GetValue<string>(), DeliveryStatuses.Rejected, TimeSpan.FromMinutes(3));
        Assert.Contains("surrogate", kept.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>The provider's sample under ids no other test uses: whatever is kept of it can only come from here.</summary>
    static (byte[] Bytes, string Id) Rekeyed(string provider)
    {
        var json = Samples.Load(provider);
        var id = "nokeep" + Guid.NewGuid().ToString("N")[..20];
        switch (provider)
        {
            case "kobo":
                json["_uuid"] = id;
                json["meta/instanceID"] = "uuid:" + id;
                break;
            case "typeform":
                json["form_response"]!["token"] = id;
                break;
            default:
                json["data"]!["responseId"] = id;
                json["data"]!["submissionId"] = id;
                break;
        }

        return (Encoding.UTF8.GetBytes(json.ToJsonString()), id);
    }

    [Fact]
    public async Task Junk_without_credentials_is_401_and_never_kept()
    {
        var stack = await IntakeStack.SharedAsync();
        var attachments = new Azure.Storage.Blobs.BlobContainerClient("UseDevelopmentStorage=true", "attachments");
        foreach (var provider in Providers)
        {
            // The untouched delivery itself, unauthenticated and with the wrong credentials, then junk made from it.
            var (sample, id) = Rekeyed(provider);
            var wrong = provider switch
            {
                "kobo" => new Dictionary<string, string> { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("kobo-rest-test:wrong")) },
                "typeform" => new Dictionary<string, string> { ["Typeform-Signature"] = "sha256=" + Convert.ToBase64String(new byte[32]) },
                _ => new Dictionary<string, string> { ["Tally-Signature"] = Convert.ToBase64String(new byte[32]) },
            };
            var attempts = new List<(byte[] Body, Dictionary<string, string> Headers)> { (sample, []), (sample, wrong) };
            attempts.AddRange(Mangled(sample).Sample(8, 5).Select(body => (body, new Dictionary<string, string>())));

            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (body, headers) in attempts)
            {
                using var response = await stack.PostAsync(provider, body, headers);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

                // Where the webhook would have kept it: a key from the provider's id, or from the bytes. Only bodies that
                // still carry this run's id are checked; a truncated one might equal junk another test signed.
                if (Encoding.UTF8.GetString(body).Contains(id, StringComparison.Ordinal))
                {
                    keys.Add(DeliveryInbox.KeyFor(Mouazara.Intake.Providers.FormProviders.Mapped[provider].Parse(body).Delivery?.SubmissionId, body));
                }
            }

            Assert.Contains(id, keys);
            var listed = (await stack.DeliveriesAsync(provider: provider)).Select(d => d!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                Assert.DoesNotContain(DeliveryInbox.PublicId(provider, key), listed);
                Assert.False(await attachments.GetBlobClient(DeliveryInbox.BlobName(provider, key)).ExistsAsync(), $"{provider}/{key} was kept");
            }
        }
    }
}
