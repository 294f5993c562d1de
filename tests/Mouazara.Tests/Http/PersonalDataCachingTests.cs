using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Http;

/// <summary>
/// Answers carrying personal data or signed links are never kept by a cache and never mixed between the page and
/// the JSON of one URL: <c>Cache-Control: no-store</c> and <c>Vary: Accept</c>, errors included. The health probe
/// carries neither. The emails holding those links go out with SendGrid's click tracking off.
/// </summary>
public sealed class PersonalDataCachingTests
{
    static async Task<(MouazaraClient Client, string Id)> AwaitingDocumentsAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("cache");
        await stack.Client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await stack.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes", "legal-registration", "board-minutes", "bank-certificate"]));
        await stack.Client.WaitForMailsAsync(id, "documents-request");
        return (stack.Client, id);
    }

    static async Task AssertPrivateAsync(MouazaraClient client, string path, string accept, HttpStatusCode expected, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        using var response = await client.Http.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{path} ({accept}): {(int)response.StatusCode}");
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} ({accept}) has Cache-Control '{response.Headers.CacheControl}'");
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task Status_upload_and_staff_answers_are_no_store_and_vary_on_accept_and_health_is_not()
    {
        var (client, id) = await AwaitingDocumentsAsync();
        var status = MouazaraClient.PathOf(Assert.Single(await Steps.LinksInMailAsync(client, id, "status-received", "status")));
        var upload = MouazaraClient.PathOf((await Steps.LinksInMailAsync(client, id, "documents-request", "uploads")).First());
        var staff = await client.StaffTokenAsync();

        await AssertPrivateAsync(client, status, "application/json", HttpStatusCode.OK);
        await AssertPrivateAsync(client, status, "text/html", HttpStatusCode.OK);
        await AssertPrivateAsync(client, upload, "text/html", HttpStatusCode.OK);
        await AssertPrivateAsync(client, "api/applications/" + id, "application/json", HttpStatusCode.OK, staff);
        await AssertPrivateAsync(client, "api/applications?edition=none", "application/json", HttpStatusCode.OK, staff);
        await AssertPrivateAsync(client, "api/applications/" + id, "application/json", HttpStatusCode.Unauthorized);
        await AssertPrivateAsync(client, status[..^4] + "xxxx", "application/json", HttpStatusCode.Unauthorized);

        using var health = await client.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.NotEqual(true, health.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Every_email_reaches_sendgrid_with_click_tracking_switched_off()
    {
        var (client, id) = await AwaitingDocumentsAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "dev/outbox?scope=" + Uri.EscapeDataString(id));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.Http.SendAsync(request);
        var mails = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

        Assert.True(mails.Count >= 2, $"{mails.Count} mails");
        Assert.All(mails, m => Assert.Equal("off", m!["clickTracking"]!.GetValue<string>()));
    }
}
