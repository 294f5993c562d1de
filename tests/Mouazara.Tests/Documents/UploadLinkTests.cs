using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Documents;

/// <summary>
/// An applicant completes their file through the signed upload links emailed to them: each link takes one
/// document type, refuses what is not an acceptable file, and closes once the file has moved on.
/// </summary>
public sealed class UploadLinkTests
{
    static readonly string[] Submitted = ["statutes", "legal-registration", "board-minutes", "bank-certificate"];

    sealed record Missing(MouazaraClient Client, string Edition, string ApplicationId, string Budget, string Description);

    /// <summary>An application that lacks its budget and project description, and the two links the applicant was sent.</summary>
    static async Task<Missing> ApplicationMissingTwoDocumentsAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("upl");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), Submitted));
        var links = await Steps.LinksInMailAsync(client, id, "documents-request", "uploads");
        Assert.Equal(2, links.Count);
        return new Missing(client, edition, id, links.Single(l => l.EndsWith("/budget", StringComparison.Ordinal)),
            links.Single(l => l.EndsWith("/project-description", StringComparison.Ordinal)));
    }

    static async Task<HttpResponseMessage> PutAsync(MouazaraClient client, string link, HttpContent content, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, MouazaraClient.PathOf(link)) { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        return await client.Http.SendAsync(request);
    }

    static ByteArrayContent File(byte[] bytes, string contentType = "application/pdf")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    static async Task AssertStillMissingAsync(Missing m, string documentType)
    {
        var app = await m.Client.ApplicationAsync(m.ApplicationId);
        Assert.Equal("awaiting-documents", app["status"]!.GetValue<string>());
        Assert.DoesNotContain(documentType, app["documents"]!.AsArray().Select(d => d!["type"]!.GetValue<string>()));
        Assert.Empty(await StoredRows.BlobsAsync(m.Edition, m.ApplicationId, documentType));
    }

    static async Task AssertStoredAsync(HttpResponseMessage response, byte[] sent, string documentType)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        Assert.Equal(documentType, body["type"]!.GetValue<string>());
        Assert.Equal(sent.Length, body["size"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sent)), body["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tampered_upload_link_is_401_and_stores_nothing()
    {
        var m = await ApplicationMissingTwoDocumentsAsync();

        using var response = await PutAsync(m.Client, Steps.Tamper(m.Budget), File(TestFiles.Pdf("budget")));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-link");
        await AssertStillMissingAsync(m, "budget");
    }

    [Fact]
    public async Task A_link_for_one_document_type_is_401_on_another_types_address()
    {
        var m = await ApplicationMissingTwoDocumentsAsync();
        var budgetToken = new Uri(m.Budget).AbsolutePath.Split('/')[^2];
        var crossed = new Uri(new Uri(m.Budget), $"/api/uploads/{budgetToken}/project-description").ToString();

        using var response = await PutAsync(m.Client, crossed, File(TestFiles.Pdf("description")));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-link");
        await AssertStillMissingAsync(m, "project-description");
    }

    [Fact]
    public async Task Files_that_are_not_acceptable_are_refused_with_the_right_problem_and_the_link_still_works_after()
    {
        var m = await ApplicationMissingTwoDocumentsAsync();

        using (var executable = await PutAsync(m.Client, m.Budget, File(TestFiles.Executable)))
        {
            await Problem.AssertInvalidAsync(executable, "file");
        }

        using (var empty = await PutAsync(m.Client, m.Budget, File([])))
        {
            await Problem.AssertInvalidAsync(empty, "file");
        }

        using (var text = await PutAsync(m.Client, m.Budget, File(TestFiles.Pdf("budget"), "text/plain")))
        {
            await Problem.AssertAsync(text, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        }

        var oversized = TestFiles.PdfOfSize((10 * 1024 * 1024) + 1);
        using (var streamed = await PutAsync(m.Client, m.Budget, new StreamContent(new MemoryStream(oversized)) { Headers = { ContentType = new("application/pdf") } }, chunked: true))
        {
            await Problem.AssertAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        }

        await AssertStillMissingAsync(m, "budget");

        var budget = TestFiles.Pdf("Budget prévisionnel");
        using var accepted = await PutAsync(m.Client, m.Budget, File(budget));
        await AssertStoredAsync(accepted, budget, "budget");
    }

    [Fact]
    public async Task A_file_declared_larger_than_10_MB_is_413()
    {
        var m = await ApplicationMissingTwoDocumentsAsync();

        using var response = await PutAsync(m.Client, m.Budget, File(TestFiles.PdfOfSize(12 * 1024 * 1024)));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await AssertStillMissingAsync(m, "budget");
    }

    [Fact]
    public async Task Valid_uploads_answer_their_size_and_sha256_complete_the_file_and_then_the_link_is_409()
    {
        var m = await ApplicationMissingTwoDocumentsAsync();
        var budget = TestFiles.Pdf("Budget prévisionnel");
        var description = TestFiles.PdfOfSize(3 * 1024 * 1024 + 17);

        using (var put = await PutAsync(m.Client, m.Budget, File(budget)))
        {
            await AssertStoredAsync(put, budget, "budget");
        }

        using (var post = await m.Client.SendAsync(HttpMethod.Post, MouazaraClient.PathOf(m.Description), content: File(description)))
        {
            await AssertStoredAsync(post, description, "project-description");
        }

        var app = await m.Client.WaitForStatusAsync(m.ApplicationId, "in-evaluation");
        var stored = app["documents"]!.AsArray().ToDictionary(d => d!["type"]!.GetValue<string>(), d => d!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(description)), stored["project-description"]["sha256"]!.GetValue<string>());
        Assert.Equal(description.Length, stored["project-description"]["size"]!.GetValue<long>());
        Assert.Single(await StoredRows.BlobsAsync(m.Edition, m.ApplicationId, "budget"));

        using var late = await PutAsync(m.Client, m.Budget, File(TestFiles.Pdf("Budget v2")));
        await Problem.AssertAsync(late, HttpStatusCode.Conflict, "not-awaiting-document");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(budget)),
            (await m.Client.ApplicationAsync(m.ApplicationId))["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == "budget")!["sha256"]!.GetValue<string>());
    }
}
