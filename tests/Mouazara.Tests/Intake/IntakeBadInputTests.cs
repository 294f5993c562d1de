using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Mouazara.Applications;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// A form provider's bad deliveries: each is refused with a problem of a stable type, and leaves no trace: the
/// application the submission would have become is unknown to staff and no file of it is stored.
/// </summary>
public sealed class IntakeBadInputTests
{
    sealed record Delivery(MouazaraClient Client, string Edition, string SubmissionId, string ApplicationId);

    static async Task<Delivery> NewDeliveryAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("intake");
        await stack.Client.PutEditionAsync(Steps.PatientEdition(edition));
        var submissionId = LocalStack.NewId("sub");
        return new Delivery(stack.Client, edition, submissionId, ApplicationIds.For("generic", submissionId));
    }

    static JsonObject Body(Delivery d) => TestSubmissions.Build(d.Edition, d.SubmissionId, TestSubmissions.AllAssociationDocuments);

    static JsonObject Document(string type, byte[] content, string contentType = "application/pdf") => new()
    {
        ["type"] = type,
        ["fileName"] = type + ".pdf",
        ["contentType"] = contentType,
        ["contentBase64"] = Convert.ToBase64String(content),
    };

    static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    static async Task<HttpResponseMessage> PostAsync(MouazaraClient client, string path, byte[] body, IDictionary<string, string> headers, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_delivery_signed_with_another_secret_is_401_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(Body(d)), secret: "someone-elses-secret");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-signature");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task A_delivery_whose_body_was_altered_after_signing_is_401_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();
        var signed = TestSubmissions.Bytes(Body(d));
        var timestamp = Now();
        var signature = MouazaraClient.Sign("local-generic-webhook-secret", timestamp, signed);
        var altered = Body(d);
        altered["project"]!["requestedAmount"] = 48999;

        using var response = await PostAsync(d.Client, "api/intake/generic", TestSubmissions.Bytes(altered),
            new Dictionary<string, string> { ["X-Mouazara-Timestamp"] = timestamp, ["X-Mouazara-Signature"] = signature });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-signature");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task A_delivery_without_a_signature_is_401_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();

        using var response = await PostAsync(d.Client, "api/intake/generic", TestSubmissions.Bytes(Body(d)),
            new Dictionary<string, string> { ["X-Mouazara-Timestamp"] = Now() });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-signature");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task A_correctly_signed_delivery_ten_minutes_old_is_401_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(Body(d)), timestamp: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "stale-timestamp");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task A_correctly_signed_delivery_dated_ten_minutes_ahead_is_401_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(Body(d)), timestamp: DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds());

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "stale-timestamp");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task Signed_malformed_JSON_is_400_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();
        var json = Body(d).ToJsonString();

        using (var truncated = await d.Client.SubmitAsync(Encoding.UTF8.GetBytes(json[..^2])))
        {
            await Problem.AssertAsync(truncated, HttpStatusCode.BadRequest, "malformed-request");
        }

        var broken = json.Replace("\"language\":\"fr\"", "\"language\":fr", StringComparison.Ordinal);
        Assert.NotEqual(json, broken);
        using (var syntax = await d.Client.SubmitAsync(Encoding.UTF8.GetBytes(broken)))
        {
            await Problem.AssertAsync(syntax, HttpStatusCode.BadRequest, "malformed-request");
        }

        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task Signed_JSON_that_is_not_an_object_is_400_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();
        string[] bodies = ["[" + Body(d).ToJsonString() + "]", "\"" + d.SubmissionId + "\"", "42", "null", "true"];

        foreach (var body in bodies)
        {
            using var response = await d.Client.SubmitAsync(Encoding.UTF8.GetBytes(body));
            await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        }

        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task An_unknown_region_is_422_naming_applicant_region_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();
        var body = TestSubmissions.Build(d.Edition, d.SubmissionId, TestSubmissions.AllAssociationDocuments, region: "MA-13");

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(body));

        await Problem.AssertInvalidAsync(response, "applicant.region");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task An_unknown_applicant_type_is_422_naming_applicant_type_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();
        var body = TestSubmissions.Build(d.Edition, d.SubmissionId, TestSubmissions.AllAssociationDocuments, applicantType: "company");

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(body));

        await Problem.AssertInvalidAsync(response, "applicant.type");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task A_document_over_10_MB_is_413_and_not_even_the_valid_documents_before_it_are_kept()
    {
        var d = await NewDeliveryAsync();
        var body = TestSubmissions.Build(d.Edition, d.SubmissionId, ["statutes", "budget"]);
        body["documents"]!.AsArray().Add(Document("legal-registration", TestFiles.PdfOfSize((10 * 1024 * 1024) + 1)));

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(body));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task A_document_of_exactly_10_MB_is_accepted()
    {
        var d = await NewDeliveryAsync();
        var body = TestSubmissions.Build(d.Edition, d.SubmissionId, ["statutes"]);
        var file = TestFiles.PdfOfSize(10 * 1024 * 1024);
        body["documents"]!.AsArray().Add(Document("legal-registration", file));

        var id = await d.Client.SubmitAcceptedAsync(body);

        Assert.Equal(d.ApplicationId, id);
        var stored = (await d.Client.ApplicationAsync(id))["documents"]!.AsArray().Single(x => x!["type"]!.GetValue<string>() == "legal-registration")!;
        Assert.Equal(file.Length, stored["size"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), stored["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_executable_declared_as_a_PDF_is_422_naming_its_content_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();
        var body = TestSubmissions.Build(d.Edition, d.SubmissionId, ["statutes", "budget"]);
        body["documents"]!.AsArray().Add(Document("legal-registration", TestFiles.Executable));

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(body));

        var problem = await Problem.AssertInvalidAsync(response, "documents[2].contentBase64");
        Assert.DoesNotContain("documents[0].contentBase64", problem["errors"]!.AsObject().Select(e => e.Key));
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task A_text_plain_delivery_is_415_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(Body(d)), contentType: "text/plain");

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task A_delivery_to_an_unknown_provider_is_404_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();
        var bytes = TestSubmissions.Bytes(Body(d));
        var timestamp = Now();

        using var response = await PostAsync(d.Client, "api/intake/jotform", bytes, new Dictionary<string, string>
        {
            ["X-Mouazara-Timestamp"] = timestamp,
            ["X-Mouazara-Signature"] = MouazaraClient.Sign("local-generic-webhook-secret", timestamp, bytes),
        });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, ApplicationIds.For("jotform", d.SubmissionId));
    }

    [Fact]
    public async Task A_document_given_by_URL_is_422_naming_it_and_changes_nothing()
    {
        var d = await NewDeliveryAsync();
        var body = TestSubmissions.Build(d.Edition, d.SubmissionId, ["statutes"]);
        body["documents"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "budget",
            ["fileName"] = "budget.pdf",
            ["contentType"] = "application/pdf",
            ["url"] = "https://files.example.org/budget.pdf",
        });

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(body));

        await Problem.AssertInvalidAsync(response, "documents[1].url");
        await Steps.AssertNothingWrittenAsync(d.Client, d.Edition, d.ApplicationId);
    }

    [Fact]
    public async Task A_delivery_naming_an_edition_with_a_slash_is_422_naming_edition_not_a_storage_outage()
    {
        var d = await NewDeliveryAsync();
        var body = TestSubmissions.Build("x/y", d.SubmissionId, TestSubmissions.AllAssociationDocuments);

        using var response = await d.Client.SubmitAsync(TestSubmissions.Bytes(body));

        await Problem.AssertInvalidAsync(response, "edition");
        await Steps.AssertNothingWrittenAsync(d.Client, "x/y", d.ApplicationId);
    }
}
