using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Lifecycle;

/// <summary>The applicant follows their application from the status link in the receipt email.</summary>
public sealed class StatusLinkTests
{
    static async Task<(MouazaraClient Client, string Id, string StatusLink)> AwaitingTwoDocumentsAsync(string language)
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("stat");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"),
            ["statutes", "legal-registration", "board-minutes", "bank-certificate"], language: language));
        var link = Assert.Single(await Steps.LinksInMailAsync(client, id, "status-received", "status"));

        // The status link outlives the funded project's year: three years from the day of submission (UTC).
        var submitted = DateTimeOffset.Parse((await client.ApplicationAsync(id))["submittedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(submitted.UtcDateTime.Date, TimeSpan.Zero).AddDays(3 * 365), MouazaraClient.ExpiryOf(link));
        await client.WaitForMailsAsync(id, "documents-request");
        await client.WaitForStatusAsync(id, "awaiting-documents");
        return (client, id, link);
    }

    static async Task<HttpResponseMessage> GetAsync(MouazaraClient client, string link, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MouazaraClient.PathOf(link));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await client.Http.SendAsync(request);
    }

    static async Task<JsonObject> JsonStatusAsync(MouazaraClient client, string link)
    {
        using var response = await GetAsync(client, link);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    static List<string> MissingTypes(JsonObject status) =>
        status["missingDocuments"]!.AsArray().Select(d => d!["type"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task The_status_link_answers_JSON_by_default_with_the_status_and_the_documents_still_missing()
    {
        var (client, id, link) = await AwaitingTwoDocumentsAsync("fr");

        var status = await JsonStatusAsync(client, link);

        Assert.Equal(id, status["applicationId"]!.GetValue<string>());
        Assert.Equal("awaiting-documents", status["status"]!.GetValue<string>());
        Assert.Equal(["budget", "project-description"], MissingTypes(status));

        var upload = (await Steps.LinksInMailAsync(client, id, "documents-request", "uploads")).Single(l => l.EndsWith("/budget", StringComparison.Ordinal));
        using (var put = await client.UploadAsync(upload, TestFiles.Pdf("budget")))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        Assert.Equal(["project-description"], MissingTypes(await JsonStatusAsync(client, link)));
    }

    [Fact]
    public async Task The_status_link_answers_a_right_to_left_HTML_page_to_a_browser_of_an_Arabic_applicant()
    {
        var (client, id, link) = await AwaitingTwoDocumentsAsync("ar");

        using var response = await GetAsync(client, link, "text/html,application/xhtml+xml,*/*;q=0.8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\"", html, StringComparison.Ordinal);
        Assert.Contains(id, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_status_link_is_401()
    {
        var (client, _, link) = await AwaitingTwoDocumentsAsync("fr");

        using var response = await GetAsync(client, Steps.Tamper(link));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-link");
    }

    [Fact]
    public async Task Another_kind_of_link_used_as_a_status_link_is_401()
    {
        var (client, id, _) = await AwaitingTwoDocumentsAsync("fr");
        var upload = (await Steps.LinksInMailAsync(client, id, "documents-request", "uploads")).First();
        var uploadToken = new Uri(upload).AbsolutePath.Split('/')[^2];

        using var response = await GetAsync(client, new Uri(client.BaseAddress, "api/status/" + uploadToken).ToString());

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-link");
    }
}
