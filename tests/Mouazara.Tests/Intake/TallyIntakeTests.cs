using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mouazara.Tests.Intake.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// Tally signs each webhook with <c>Tally-Signature: &lt;base64 HMAC-SHA256(secret, raw body)&gt;</c> and gives up
/// after 10 seconds; answers are <c>data.fields</c>, choices as option ids, files as FILE_UPLOAD values with signed links.
/// </summary>
public sealed class TallyIntakeTests
{
    [Fact]
    public async Task A_Tally_response_becomes_the_mapped_application_with_its_files_fetched()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("tally");
        var form = Samples.NewFormId("tl");
        stack.WriteMapping("tally", edition, form);
        var sample = Samples.Tally(stack.Files, form);

        // Tally gives up after ten seconds, so the answer must not wait for the files: it comes while none of them
        // can be downloaded at all; they are fetched afterwards.
        var files = stack.Files.Hold(sample.SubmissionId);
        var deliveryId = await stack.DeliverAcceptedAsync("tally", sample.Bytes);
        Assert.False(files.IsOpen, "The webhook answered only once the files could be downloaded.");
        files.Open();
        var id = Samples.ApplicationIdFor("tally", sample.SubmissionId);
        var app = await stack.WaitForApplicationAsync(id, documents: 6);
        Assert.Equal(deliveryId, "tally-" + sample.SubmissionId);
        var applicant = app["applicant"]!;
        Assert.Equal("network", applicant["type"]!.GetValue<string>());
        // "الشرق" is our own Arabic name of MA-02.
        Assert.Equal("MA-02", applicant["region"]!.GetValue<string>());
        Assert.Equal("male", applicant["representative"]!["gender"]!.GetValue<string>());
        var project = app["project"]!;
        Assert.Equal("solidarity-tourism", project["sector"]!.GetValue<string>());
        Assert.Equal(38000m, project["requestedAmount"]!.GetValue<decimal>());
        Assert.Equal(51200.5m, project["totalBudget"]!.GetValue<decimal>());
        Assert.False(project["womenLed"]!.GetValue<bool>());
        Assert.True(project["youthLed"]!.GetValue<bool>());
        Assertions.StoredAsServed(app, sample.Files);
        // Tally's links are signed themselves: no credential is sent with them.
        Assert.All(stack.Files.Requests.Where(r => r.Path.Contains(sample.SubmissionId, StringComparison.Ordinal)), r => Assert.Null(r.Authorization));

        var receipt = Assert.Single(await stack.Client.WaitForMailsAsync(id, "status-received"));
        Assert.StartsWith("Votre demande " + id, receipt.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signature_is_verified_against_a_vector_computed_with_openssl()
    {
        var stack = await IntakeStack.SharedAsync();
        // printf %s "$body" | openssl dgst -sha256 -hmac 'tally-vector-secret' -binary | base64
        var body = Encoding.UTF8.GetBytes("""{"eventId":"e1","eventType":"FORM_RESPONSE","data":{"responseId":"r1","formId":"f1","fields":[{"key":"question_1","label":"Région","type":"INPUT_TEXT","value":"الشرق"}]}}""");
        using var signature = global::Mouazara.Security.ProviderSignature.Tally("tally-vector-secret");
        signature.Append(body);
        Assert.True(signature.Matches("IBt9p6DHbeX+6p/Ij4RYzn8Ke0ER4BqD4Zil/kzwMc0="));

        var edition = await stack.NewEditionAsync("tally");
        var form = Samples.NewFormId("tl");
        stack.WriteMapping("tally", edition, form);
        var sample = Samples.Tally(stack.Files, form);
        var mac = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(IntakeStack.TallySecret), sample.Bytes));
        using var response = await stack.PostAsync("tally", sample.Bytes, new Dictionary<string, string> { ["Tally-Signature"] = mac });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_Tally_delivery_with_a_bad_signature_is_401_and_nothing_is_kept()
    {
        var stack = await IntakeStack.SharedAsync();
        var sample = Samples.Tally(stack.Files, Samples.NewFormId("tl"));
        var mac = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(IntakeStack.TallySecret), sample.Bytes));
        var reserialized = Encoding.UTF8.GetBytes(JsonNode.Parse(sample.Bytes)!.ToJsonString());
        var attempts = new (byte[] Body, string? Header)[]
        {
            (sample.Bytes, Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("wrong-secret"), sample.Bytes))),
            // The same JSON re-serialised (Arabic escaped) is other bytes: the signature was over the raw body.
            (reserialized, mac),
            (sample.Bytes, "sha256=" + mac),
            (sample.Bytes, null),
        };

        foreach (var (body, header) in attempts)
        {
            using var response = await stack.PostAsync("tally", body, header is null ? [] : new Dictionary<string, string> { ["Tally-Signature"] = header });
            await Assertions.ProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-signature");
        }

        Assert.DoesNotContain(await stack.DeliveriesAsync(provider: "tally"), d => d!["id"]!.GetValue<string>() == "tally-" + sample.SubmissionId);
    }

    [Fact]
    public async Task A_Tally_delivery_retried_and_sent_ten_times_at_once_is_one_application()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("tally");
        var form = Samples.NewFormId("tl");
        stack.WriteMapping("tally", edition, form);
        var sample = Samples.Tally(stack.Files, form);

        var answers = await Assertions.DeliverConcurrentlyAsync(stack, "tally", sample.Bytes, 10);
        var id = Samples.ApplicationIdFor("tally", sample.SubmissionId);
        await stack.WaitForApplicationAsync(id, documents: 6);
        var retry = await stack.DeliverAcceptedAsync("tally", sample.Bytes);

        Assert.All(answers, a => Assert.Equal(retry, a));
        await Assertions.OneApplicationAsync(stack, edition, id, retry);
        Assert.Equal(6, stack.Files.Requests.Count(r => r.Path.Contains(sample.SubmissionId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unmappable_Tally_delivery_is_kept_with_its_reasons_and_becomes_an_application_once_the_mapping_is_fixed()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("tally");
        var form = Samples.NewFormId("tl");
        stack.WriteMapping("tally", edition, form);
        // The form offers a label the mapping cannot read as a yes or no.
        var sample = Samples.Tally(stack.Files, form);
        var womenLed = sample.Json["data"]!["fields"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "question_Wl5yZ7")!;
        womenLed["options"]![1]!["text"] = "En partie / جزئيا";
        var deliveryId = await stack.DeliverAcceptedAsync("tally", sample.Bytes);

        var rejected = await stack.WaitForDeliveryAsync(deliveryId, "rejected");
        Assert.Contains("question_Wl5yZ7", rejected["reasons"]!["project.womenLed"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var id = Samples.ApplicationIdFor("tally", sample.SubmissionId);
        await Assertions.UnknownApplicationAsync(stack, id);

        stack.WriteMapping("tally", edition, form, m => m["fields"]!["project.womenLed"]!["choices"]!["En partie / جزئيا"] = true);
        using (var reprocess = await stack.ReprocessAsync(deliveryId))
        {
            Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        }

        var app = await stack.WaitForApplicationAsync(id, documents: 6);
        Assert.True(app["project"]!["womenLed"]!.GetValue<bool>());
    }
}
