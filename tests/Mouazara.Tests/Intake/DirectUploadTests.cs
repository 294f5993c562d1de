using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Intake.Support;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// <c>POST /api/intake/generic</c> also takes <c>multipart/form-data</c>: a <c>submission</c> part with the JSON and one
/// file part per document type (the field's name), signed like any generic delivery, streamed part by part.
/// </summary>
public sealed class DirectUploadTests
{
    sealed record Form(byte[] Body, string ContentType);

    static async Task<Form> FormAsync(JsonObject submission, params (string Field, string FileName, string ContentType, byte[] Content)[] files)
    {
        using var content = new MultipartFormDataContent("mouazara-test-boundary-" + Guid.NewGuid().ToString("N"));
        var json = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(submission));
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(json, "submission");
        foreach (var (field, fileName, contentType, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            content.Add(part, field, fileName);
        }

        return new Form(await content.ReadAsByteArrayAsync(), content.Headers.ContentType!.ToString());
    }

    static async Task<HttpResponseMessage> PostAsync(IntakeStack stack, Form form, string secret = "local-generic-webhook-secret", bool signed = true)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string> { ["X-Mouazara-Timestamp"] = timestamp };
        if (signed)
        {
            headers["X-Mouazara-Signature"] = MouazaraClient.Sign(secret, timestamp, form.Body);
        }

        return await stack.PostAsync("generic", form.Body, headers, form.ContentType);
    }

    static JsonObject Submission(string edition, string submissionId)
    {
        var body = TestSubmissions.Build(edition, submissionId, [], language: "ar");
        body.Remove("documents");
        return body;
    }

    [Fact]
    public async Task A_signed_form_with_one_part_per_document_becomes_an_application_with_those_files()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("upload");
        var submissionId = LocalStack.NewId("form");
        var statutes = Samples.Content("application/pdf", "statuts " + submissionId);
        var bank = Samples.Content("image/jpeg", "rib " + submissionId);
        var form = await FormAsync(Submission(edition, submissionId),
            ("statutes", "النظام الأساسي.pdf", "application/pdf", statutes),
            ("bank-certificate", "../../etc/\u202Egpj.exe", "image/jpeg", bank));

        using var response = await PostAsync(stack, form);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var id = JsonNode.Parse(text)!["applicationId"]!.GetValue<string>();
        Assert.Equal(Samples.ApplicationIdFor("generic", submissionId), id);
        var app = await stack.WaitForApplicationAsync(id, documents: 2);
        Assertions.StoredAsServed(app, [new ServedFile("statutes", statutes, "application/pdf", ""), new ServedFile("bank-certificate", bank, "image/jpeg", "")]);
        var names = app["documents"]!.AsArray().ToDictionary(d => d!["type"]!.GetValue<string>(), d => d!["fileName"]!.GetValue<string>());
        Assert.Equal("النظام الأساسي.pdf", names["statutes"]);
        // No path, no bidirectional override in what staff are shown.
        Assert.Equal("gpj.exe", names["bank-certificate"]);
    }

    [Fact]
    public async Task An_unsigned_or_wrongly_signed_form_is_401()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("upload");
        var form = await FormAsync(Submission(edition, LocalStack.NewId("form")), ("statutes", "s.pdf", "application/pdf", TestFiles.Pdf()));

        using (var unsigned = await PostAsync(stack, form, signed: false))
        {
            await Assertions.ProblemAsync(unsigned, HttpStatusCode.Unauthorized, "invalid-signature");
        }

        using var wrong = await PostAsync(stack, form, secret: "not-the-secret");
        await Assertions.ProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid-signature");
    }

    [Fact]
    public async Task A_part_over_10_MB_is_413_and_nothing_is_written()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("upload");
        var submissionId = LocalStack.NewId("form");
        var form = await FormAsync(Submission(edition, submissionId),
            ("statutes", "s.pdf", "application/pdf", TestFiles.Pdf()),
            ("budget", "b.pdf", "application/pdf", TestFiles.PdfOfSize((10 * 1024 * 1024) + 1)));

        using var response = await PostAsync(stack, form);

        await Assertions.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await Assertions.UnknownApplicationAsync(stack, Samples.ApplicationIdFor("generic", submissionId));
    }

    [Fact]
    public async Task A_part_named_after_no_document_type_or_holding_an_executable_is_422_naming_that_field()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("upload");
        var submissionId = LocalStack.NewId("form");
        var form = await FormAsync(Submission(edition, submissionId),
            ("statutes", "s.pdf", "application/pdf", TestFiles.Executable),
            ("photo-of-the-team", "team.png", "image/png", TestFiles.Png));

        using var response = await PostAsync(stack, form);

        await Assertions.InvalidAsync(response, "photo-of-the-team");
        var second = await PostAsync(stack, await FormAsync(Submission(edition, submissionId), ("statutes", "s.pdf", "application/pdf", TestFiles.Executable)));
        await Assertions.InvalidAsync(second, "statutes");
        second.Dispose();
        await Assertions.UnknownApplicationAsync(stack, Samples.ApplicationIdFor("generic", submissionId));
    }

    [Fact]
    public async Task A_form_without_its_submission_part_is_400_and_a_broken_body_is_400_not_500()
    {
        var stack = await IntakeStack.SharedAsync();
        using var content = new MultipartFormDataContent("only-files");
        content.Add(new ByteArrayContent(TestFiles.Pdf()), "statutes", "s.pdf");
        var noSubmission = new Form(await content.ReadAsByteArrayAsync(), content.Headers.ContentType!.ToString());
        using (var response = await PostAsync(stack, noSubmission))
        {
            await Assertions.ProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        }

        var truncated = new Form(noSubmission.Body[..(noSubmission.Body.Length / 2)], noSubmission.ContentType);
        using var broken = await PostAsync(stack, truncated);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }
}
