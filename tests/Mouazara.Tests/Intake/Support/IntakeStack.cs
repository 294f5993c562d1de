using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Mouazara.Local;
using Mouazara.Local.Configuration;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake.Support;

/// <summary>
/// A local host of its own for intake: Azurite and the real durable engine like <see cref="LocalStack"/>, plus
/// what only these tests may configure — provider secrets and API keys known here, a mapping folder the tests
/// write to, and a loopback HTTPS file server explicitly allowed as every provider's file host
/// (<c>Intake:AllowLoopbackFetchForTests</c>, false by default).
/// </summary>
public sealed class IntakeStack
{
    public const string KoboCredentials = "kobo-rest-test:Kobo-Test-Password-1";
    public const string KoboApiKey = "kobo-test-api-key-6b1f";
    public const string TypeformSecret = "typeform-test-webhook-secret";
    public const string TypeformToken = "tfp_test_personal_access_token";
    public const string TallySecret = "tally-test-signing-secret";

    // The stack is mid-rotation for every provider: the secrets above are the new ones, these the previous ones.
    public const string GenericSecret = "local-generic-webhook-secret";
    public const string PreviousGenericSecret = "generic-previous-webhook-secret";
    public const string PreviousKoboCredentials = "kobo-rest-old:Kobo-Old-Password-0";
    public const string PreviousTypeformSecret = "typeform-previous-webhook-secret";
    public const string PreviousTallySecret = "tally-previous-signing-secret";

    static readonly Lazy<Task<IntakeStack>> Instance = new(StartAsync);

    IntakeStack(LocalHost host, FileServer files, string mappings)
    {
        Host = host;
        Files = files;
        MappingsFolder = mappings;
        Client = new MouazaraClient(host.BaseAddress);
    }

    public LocalHost Host { get; }

    public MouazaraClient Client { get; }

    public FileServer Files { get; }

    public string MappingsFolder { get; }

    public static Task<IntakeStack> SharedAsync() => Instance.Value;

    static async Task<IntakeStack> StartAsync()
    {
        var files = await FileServer.StartAsync();
        var mappings = Directory.CreateTempSubdirectory("mouazara-mappings-").FullName;
        var port = LocalStack.FreePort();
        var prefix = "i" + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c));
        var host = await LocalHost.StartAsync([], new Dictionary<string, string?>
        {
            ["Local:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Local:TaskHub"] = prefix + "hub",
            ["Local:SeedSamples"] = "false",
            ["Storage:TablePrefix"] = prefix,
            ["Links:PublicBaseUrl"] = $"http://localhost:{port}/",
            ["Email:SendGridHost"] = $"http://localhost:{port}",
            ["Intake:Secrets:generic"] = $"{GenericSecret} {PreviousGenericSecret}",
            ["Intake:Secrets:kobo"] = $"{KoboCredentials} {PreviousKoboCredentials}",
            ["Intake:Secrets:typeform"] = $"{TypeformSecret} {PreviousTypeformSecret}",
            ["Intake:Secrets:tally"] = $"{TallySecret} {PreviousTallySecret}",
            ["Intake:ApiKeys:kobo"] = KoboApiKey,
            ["Intake:ApiKeys:typeform"] = TypeformToken,
            ["Intake:FileHosts:kobo"] = "localhost",
            ["Intake:FileHosts:typeform"] = "localhost",
            ["Intake:FileHosts:tally"] = "localhost",
            ["Intake:FileHosts:generic"] = "localhost",
            ["Intake:MappingsPath"] = mappings,
            ["Intake:AllowLoopbackFetchForTests"] = "true",
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            host.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            files.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        };
        return new IntakeStack(host, files, mappings);
    }

    /// <summary>A fresh edition, open now, whose deadlines do not pass during a test.</summary>
    public async Task<string> NewEditionAsync(string prefix)
    {
        var edition = LocalStack.NewId(prefix);
        await Client.PutEditionAsync(TestEditions.Fast(edition, documentsDeadline: "PT20M", documentsReminder: "PT10M", committeeDeadline: "PT20M",
            committeeReminder: "PT10M", financeReminder: "PT10M", reportForSecondTranche: false));
        return edition;
    }

    /// <summary>Writes the demo mapping of a provider, for another edition and form, changed as a test needs.</summary>
    public void WriteMapping(string provider, string edition, string formId, Action<JsonObject>? change = null)
    {
        var mapping = JsonNode.Parse(File.ReadAllText(Path.Combine(LocalSettings.FindRepoRoot(), "editions", "mappings", $"demo.{provider}.json")))!.AsObject();
        mapping["edition"] = edition;
        mapping["forms"] = new JsonArray(formId);
        change?.Invoke(mapping);
        File.WriteAllText(Path.Combine(MappingsFolder, $"{edition}.{provider}.json"), mapping.ToJsonString());
    }

    /// <summary>Posts a delivery to a provider's webhook with the given headers, as the provider would.</summary>
    public async Task<HttpResponseMessage> PostAsync(string provider, byte[] body, IDictionary<string, string> headers, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/" + provider) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Client.Http.SendAsync(request);
    }

    /// <summary>A delivery authenticated as the provider does it: Kobo's Basic credentials, Typeform's and Tally's HMAC.</summary>
    public Task<HttpResponseMessage> DeliverAsync(string provider, byte[] body) => PostAsync(provider, body, provider switch
    {
        "kobo" => new Dictionary<string, string> { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(KoboCredentials)) },
        "typeform" => new Dictionary<string, string> { ["Typeform-Signature"] = "sha256=" + Hmac(TypeformSecret, body) },
        "tally" => new Dictionary<string, string> { ["Tally-Signature"] = Hmac(TallySecret, body) },
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    });

    /// <summary>Delivers and expects 202, returning the delivery id the webhook answered with.</summary>
    public async Task<string> DeliverAcceptedAsync(string provider, byte[] body)
    {
        using var response = await DeliverAsync(provider, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202 from {provider}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["deliveryId"]!.GetValue<string>();
    }

    static string Hmac(string secret, byte[] body) =>
        Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The staff view of the inbox, filtered.</summary>
    public async Task<JsonArray> DeliveriesAsync(string? status = null, string? provider = null)
    {
        var query = new List<string> { "pageSize=1000" };
        if (status is not null)
        {
            query.Add("status=" + status);
        }

        if (provider is not null)
        {
            query.Add("provider=" + provider);
        }

        using var response = await Client.SendAsync(HttpMethod.Get, "api/intake/deliveries?" + string.Join("&", query), await Client.StaffTokenAsync());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["items"]!.AsArray();
    }

    /// <summary>Polls the inbox until the delivery has <paramref name="status"/>; fails with what was seen.</summary>
    public async Task<JsonObject> WaitForDeliveryAsync(string deliveryId, string status, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? MouazaraClient.Patience);
        JsonObject? seen = null;
        do
        {
            seen = (await DeliveriesAsync()).Select(d => d!.AsObject()).FirstOrDefault(d => d["id"]!.GetValue<string>() == deliveryId);
            if (seen?["status"]?.GetValue<string>() == status)
            {
                return seen;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail($"Delivery {deliveryId} did not become {status}: {seen?.ToJsonString() ?? "not in the inbox"}");
        return seen!;
    }

    /// <summary>Polls the staff view until the application exists and holds <paramref name="documents"/> documents.</summary>
    public async Task<JsonObject> WaitForApplicationAsync(string applicationId, int documents, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? MouazaraClient.Patience);
        string last = "";
        do
        {
            using var response = await Client.SendAsync(HttpMethod.Get, "api/applications/" + applicationId, await Client.StaffTokenAsync());
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var app = JsonNode.Parse(last)!.AsObject();
                if (app["documents"]!.AsArray().Count >= documents)
                {
                    return app;
                }
            }

            await Task.Delay(300);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail($"Application {applicationId} did not appear with {documents} documents: {last}");
        return null!;
    }

    public async Task<HttpResponseMessage> ReprocessAsync(string deliveryId) =>
        await Client.SendAsync(HttpMethod.Post, $"api/intake/deliveries/{deliveryId}/reprocess", await Client.StaffTokenAsync());
}
