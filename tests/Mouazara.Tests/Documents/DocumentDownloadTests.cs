using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mouazara.Documents;
using Mouazara.Security;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Documents;

/// <summary>
/// People read documents through short-lived signed links: staff any document, finance the bank certificate and the
/// agreement of what they pay, a committee member the documents of the application they review. Each read is
/// recorded (who, what, when) before the file leaves, and the file arrives byte for byte with safe headers.
/// </summary>
public sealed partial class DocumentDownloadTests
{
    const string ArabicFileName = "شهادة بنكية 2026.pdf";
    const string FrenchMember = "y.test@example.org";

    sealed record InEvaluation(LocalStack Stack, string Edition, string ApplicationId, List<OutboxMail> ReviewTasks);

    /// <summary>
    /// An application the committee is reviewing, its bank certificate named in Arabic and each file's content marked
    /// with <paramref name="mark"/>, so two applications' files differ.
    /// </summary>
    static async Task<InEvaluation> InEvaluationAsync(string? edition = null, string mark = "A")
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        if (edition is null)
        {
            edition = LocalStack.NewId("dl");
            await client.PutEditionAsync(Steps.PatientEdition(edition));
        }

        var body = TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments);
        foreach (var document in body["documents"]!.AsArray())
        {
            var type = document!["type"]!.GetValue<string>();
            document["contentBase64"] = Convert.ToBase64String(TestFiles.Pdf(mark + " " + type));
            if (type == "bank-certificate")
            {
                document["fileName"] = ArabicFileName;
            }
        }

        var id = await client.SubmitAcceptedAsync(body);
        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
        return new InEvaluation(stack, edition, id, tasks);
    }

    static async Task<HttpResponseMessage> LinkAsync(MouazaraClient client, string id, string documentType, string? bearer) =>
        await client.SendAsync(HttpMethod.Get, $"api/applications/{id}/documents/{documentType}", bearer);

    /// <summary>Asks for a link and answers its url, checking it lives for minutes (the default ten).</summary>
    static async Task<string> LinkUrlAsync(MouazaraClient client, string id, string documentType, string bearer)
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await LinkAsync(client, id, documentType, bearer);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        var expiresAt = body["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expiresAt, before.AddMinutes(10).AddSeconds(-2), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(1));
        var url = body["url"]!.GetValue<string>();
        Assert.Contains("/api/files/", url, StringComparison.Ordinal);
        return url;
    }

    static async Task<HttpResponseMessage> OpenAsync(MouazaraClient client, string link) =>
        await client.SendAsync(HttpMethod.Get, MouazaraClient.PathOf(link));

    /// <summary>A file as a reader checks it: exactly the stored bytes, its stored type, an attachment, nothing a browser may sniff or keep.</summary>
    static async Task<byte[]> AssertFileAsync(HttpResponseMessage response, JsonNode stored)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(stored["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(stored["size"]!.GetValue<long>(), bytes.Length);
        Assert.Equal(stored["contentType"]!.GetValue<string>(), response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(stored["fileName"]!.GetValue<string>(), disposition.FileNameStar);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        return bytes;
    }

    static async Task<JsonNode> StoredAsync(MouazaraClient client, string id, string documentType) =>
        (await client.ApplicationAsync(id))["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == documentType)!;

    static async Task<List<TableEntity>> ReadsAsync(LocalStack stack, string id) => await StoredRows.RowsAsync(stack.Prefix + "DocumentReads", id);

    static string TokenOf(string link) => new Uri(link).AbsolutePath.Split('/')[^1];

    [Fact]
    public async Task Staff_download_the_exact_bytes_with_the_stored_type_and_safe_headers_and_every_read_is_recorded_before()
    {
        var a = await InEvaluationAsync();
        var client = a.Stack.Client;
        var staff = await client.StaffTokenAsync();
        var bank = await StoredAsync(client, a.ApplicationId, "bank-certificate");
        Assert.Equal(ArabicFileName, bank["fileName"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(TestFiles.Pdf("A bank-certificate"))), bank["sha256"]!.GetValue<string>());

        var url = await LinkUrlAsync(client, a.ApplicationId, "bank-certificate", staff);
        using (var first = await OpenAsync(client, url))
        {
            Assert.Equal(TestFiles.Pdf("A bank-certificate"), await AssertFileAsync(first, bank));
        }

        using (var again = await OpenAsync(client, url))
        {
            await AssertFileAsync(again, bank);
        }

        // The staff view lists every document with a link of its own for the caller.
        var view = await client.ApplicationAsync(a.ApplicationId);
        var documents = view["documents"]!.AsArray();
        Assert.Equal(6, documents.Count);
        Assert.All(documents, d => Assert.Contains("/api/files/", d!["downloadUrl"]!.GetValue<string>(), StringComparison.Ordinal));
        var statutes = documents.Single(d => d!["type"]!.GetValue<string>() == "statutes")!;
        using (var fromView = await OpenAsync(client, statutes["downloadUrl"]!.GetValue<string>()))
        {
            await AssertFileAsync(fromView, statutes);
        }

        var reads = await ReadsAsync(a.Stack, a.ApplicationId);
        Assert.Equal(3, reads.Count);
        Assert.All(reads, r => Assert.Equal("staff:staff-officer", r.GetString("Reader")));
        Assert.Equal(["bank-certificate", "bank-certificate", "statutes"], reads.Select(r => r.GetString("DocumentType")).Order(StringComparer.Ordinal));
        var bankRead = reads.First(r => r.GetString("DocumentType") == "bank-certificate");
        Assert.Equal(bank["sha256"]!.GetValue<string>(), bankRead.GetString("Sha256"));
        Assert.Equal(ArabicFileName, bankRead.GetString("FileName"));
        Assert.InRange(bankRead.GetDateTimeOffset("ReadAt")!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_link_past_its_lifetime_a_tampered_one_or_another_purposes_token_is_401_and_nothing_is_read()
    {
        var a = await InEvaluationAsync();
        var client = a.Stack.Client;
        var tokens = a.Stack.Host.Services.GetRequiredService<LinkTokens>();

        var expired = tokens.Issue(new LinkClaims(LinkPurposes.Download, a.ApplicationId, a.Edition,
            DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds(), DocumentType: "statutes", Reader: "staff:staff-officer"));
        using (var response = await client.SendAsync(HttpMethod.Get, "api/files/" + expired))
        {
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-link");
        }

        var url = await LinkUrlAsync(client, a.ApplicationId, "statutes", await client.StaffTokenAsync());
        var token = TokenOf(url);
        var dot = token.LastIndexOf('.');
        var at = dot + 1 + ((token.Length - dot - 1) / 2);
        var tampered = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
        using (var response = await client.SendAsync(HttpMethod.Get, "api/files/" + tampered))
        {
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-link");
        }

        // A review link is signed with the same key but is not a download link.
        var review = TokenOf(MouazaraClient.Links(a.ReviewTasks[0], "reviews").Single());
        using (var response = await client.SendAsync(HttpMethod.Get, "api/files/" + review))
        {
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-link");
        }

        Assert.Empty(await ReadsAsync(a.Stack, a.ApplicationId));
    }

    [Fact]
    public async Task Without_a_bearer_token_no_link_is_given_and_unknown_documents_are_404()
    {
        var a = await InEvaluationAsync();
        var client = a.Stack.Client;
        var staff = await client.StaffTokenAsync();

        using (var anonymous = await LinkAsync(client, a.ApplicationId, "statutes", null))
        {
            await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        }

        using (var unknownApplication = await LinkAsync(client, "app-" + Guid.NewGuid().ToString("N")[..12], "statutes", staff))
        {
            await Problem.AssertAsync(unknownApplication, HttpStatusCode.NotFound, "not-found");
        }

        using (var notUploaded = await LinkAsync(client, a.ApplicationId, "progress-report", staff))
        {
            await Problem.AssertAsync(notUploaded, HttpStatusCode.NotFound, "not-found");
        }

        // A genuine link to a document that is not there.
        var tokens = a.Stack.Host.Services.GetRequiredService<LinkTokens>();
        var missing = tokens.Issue(new LinkClaims(LinkPurposes.Download, a.ApplicationId, a.Edition,
            DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(), DocumentType: "signed-agreement", Reader: "staff:staff-officer"));
        using (var response = await client.SendAsync(HttpMethod.Get, "api/files/" + missing))
        {
            await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Empty(await ReadsAsync(a.Stack, a.ApplicationId));
    }

    [Fact]
    public async Task Finance_read_the_bank_certificate_of_an_awarded_application_and_nothing_else()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var finance = await client.FinanceTokenAsync();
        var edition = LocalStack.NewId("dlfin");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var awarded = (await Steps.ApprovedAndDisbursingAsync(client, edition))["applicationId"]!.GetValue<string>();
        var notAwarded = await InEvaluationAsync();

        var url = await LinkUrlAsync(client, awarded, "bank-certificate", finance);
        using (var file = await OpenAsync(client, url))
        {
            await AssertFileAsync(file, await StoredAsync(client, awarded, "bank-certificate"));
        }

        var read = Assert.Single(await ReadsAsync(stack, awarded));
        Assert.Equal("finance:finance-officer", read.GetString("Reader"));
        Assert.Equal("bank-certificate", read.GetString("DocumentType"));

        foreach (var type in new[] { "project-plan", "project-description", "statutes" })
        {
            using var refused = await LinkAsync(client, awarded, type, finance);
            await Problem.AssertAsync(refused, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var noAward = await LinkAsync(client, notAwarded.ApplicationId, "bank-certificate", finance))
        {
            await Problem.AssertAsync(noAward, HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Single(await ReadsAsync(stack, awarded));
        Assert.Empty(await ReadsAsync(stack, notAwarded.ApplicationId));
    }

    [Fact]
    public async Task A_reviewer_opens_a_document_from_the_review_page_and_its_links_open_nothing_of_another_application()
    {
        var a = await InEvaluationAsync(mark: "A");
        var b = await InEvaluationAsync(a.Edition, mark: "B");
        var client = a.Stack.Client;
        var reviewLink = MouazaraClient.Links(a.ReviewTasks.Single(t => t.To == FrenchMember), "reviews").Single();

        using var request = new HttpRequestMessage(HttpMethod.Get, MouazaraClient.PathOf(reviewLink));
        request.Headers.Accept.ParseAdd("text/html");
        using var page = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h2>Documents</h2>", html, StringComparison.Ordinal);
        var links = FileLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(6, links.Count);

        var viewA = (await client.ApplicationAsync(a.ApplicationId))["documents"]!.AsArray();
        var viewB = (await client.ApplicationAsync(b.ApplicationId))["documents"]!.AsArray();
        var hashesOfB = viewB.Select(d => d!["sha256"]!.GetValue<string>()).ToHashSet();
        foreach (var link in links)
        {
            using var response = await OpenAsync(client, link);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Assert.Contains(viewA, d => d!["sha256"]!.GetValue<string>() == hash);
            Assert.DoesNotContain(hash, hashesOfB);
        }

        var reads = await ReadsAsync(a.Stack, a.ApplicationId);
        Assert.Equal(6, reads.Count);
        Assert.All(reads, r => Assert.Equal("reviewer:m-fr", r.GetString("Reader")));

        // The link names its application inside the signature: pointing it at the other application breaks it.
        var token = TokenOf(links[0]);
        var payload = System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.')));
        var claims = JsonNode.Parse(payload)!;
        claims["a"] = b.ApplicationId;
        var forged = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(claims.ToJsonString())) + token[token.IndexOf('.')..];
        using (var crossed = await client.SendAsync(HttpMethod.Get, "api/files/" + forged))
        {
            await Problem.AssertAsync(crossed, HttpStatusCode.Unauthorized, "invalid-link");
        }

        // Nor does a reviewer's link get them a staff or finance link.
        using (var asBearer = await LinkAsync(client, b.ApplicationId, "statutes", TokenOf(reviewLink)))
        {
            await Problem.AssertAsync(asBearer, HttpStatusCode.Unauthorized, "unauthenticated");
        }

        Assert.Empty(await ReadsAsync(a.Stack, b.ApplicationId));
    }

    [Fact]
    public async Task When_the_read_cannot_be_recorded_nothing_of_the_file_is_sent_and_the_answer_is_503()
    {
        var a = await InEvaluationAsync();
        var services = a.Stack.Host.Services;
        var url = await LinkUrlAsync(a.Stack.Client, a.ApplicationId, "statutes", await a.Stack.Client.StaffTokenAsync());

        // The product's handler on the same Azurite, except that the reads table is missing (its requests are sent to a
        // table that does not exist): storage answers 404 to the audit write, as it would to a deleted table.
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new MissingTable(a.Stack.Prefix + "DocumentReads"), Azure.Core.HttpPipelinePosition.PerCall);
        var storage = new Mouazara.Storage.MouazaraStorage(new TableServiceClient("UseDevelopmentStorage=true", options),
            services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), services.GetRequiredService<IOptions<Mouazara.Storage.StorageOptions>>());
        var endpoints = new DownloadEndpoints(services.GetRequiredService<BearerAuthenticator>(), services.GetRequiredService<LinkTokens>(),
            services.GetRequiredService<DocumentAccess>(), new DocumentStore(storage, services.GetRequiredService<IOptions<DocumentOptions>>()),
            new Mouazara.Applications.ApplicationStore(storage), TimeProvider.System);
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        var result = await Mouazara.Http.Api.Run(http, () => endpoints.DownloadAsync(http, TokenOf(url)));
        await result.ExecuteAsync(http);

        Assert.Equal(503, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
        Assert.Null(http.Response.Headers.ContentDisposition.FirstOrDefault());
        var sent = System.Text.Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
        Assert.DoesNotContain("%PDF", sent, StringComparison.Ordinal);
        Assert.Equal("urn:mouazara:problem:storage-unavailable", JsonNode.Parse(sent)!["type"]!.GetValue<string>());
        Assert.Empty(await ReadsAsync(a.Stack, a.ApplicationId));

        // The same link through the real host, with its table there, serves the file and records the read.
        using var served = await OpenAsync(a.Stack.Client, url);
        await AssertFileAsync(served, await StoredAsync(a.Stack.Client, a.ApplicationId, "statutes"));
        Assert.Single(await ReadsAsync(a.Stack, a.ApplicationId));
    }

    /// <summary>Sends every request for one table to a table that does not exist.</summary>
    sealed class MissingTable(string table) : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(Azure.Core.HttpMessage message)
        {
            var path = message.Request.Uri.Path;
            if (path.Contains("/" + table, StringComparison.Ordinal))
            {
                message.Request.Uri.Path = path.Replace("/" + table, "/" + table + "Missing", StringComparison.Ordinal);
            }
        }
    }

    [GeneratedRegex("<a href=\"([^\"]*/api/files/[^\"]*)\" download>")]
    private static partial Regex FileLink();
}
