using System.Net;
using System.Text;
using Mouazara.Intake.Inbox;
using Mouazara.Tests.Intake.Support;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// Typeform signs each webhook with <c>Typeform-Signature: sha256=&lt;base64 HMAC-SHA256(secret, raw body)&gt;</c>;
/// answers are in <c>form_response</c>, files are <c>file_url</c> answers fetched with a personal access token.
/// </summary>
public sealed class TypeformIntakeTests
{
    [Fact]
    public async Task A_Typeform_response_becomes_the_mapped_application_with_its_files_fetched_with_the_token()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("typeform");
        var form = Samples.NewFormId("tf");
        stack.WriteMapping("typeform", edition, form);
        var sample = Samples.Typeform(stack.Files, form);

        var deliveryId = await stack.DeliverAcceptedAsync("typeform", sample.Bytes);

        Assert.Equal("typeform-" + sample.SubmissionId, deliveryId);
        var id = Samples.ApplicationIdFor("typeform", sample.SubmissionId);
        var app = await stack.WaitForApplicationAsync(id, documents: 5);
        var applicant = app["applicant"]!;
        Assert.Equal("cooperative", applicant["type"]!.GetValue<string>());
        Assert.Equal("Coopérative féminine Argan Tamanar", applicant["name"]!.GetValue<string>());
        // "Souss-Massa" is our own French name of MA-09: no choice list needed in the mapping.
        Assert.Equal("MA-09", applicant["region"]!.GetValue<string>());
        Assert.Equal("2016-03-14", applicant["foundedOn"]!.GetValue<string>());
        Assert.True(applicant["rural"]!.GetValue<bool>());
        var project = app["project"]!;
        Assert.Equal("agri-food", project["sector"]!.GetValue<string>());
        Assert.Equal(48500m, project["requestedAmount"]!.GetValue<decimal>());
        Assert.True(project["womenLed"]!.GetValue<bool>());
        Assert.Equal(32, project["jobsMaintained"]!.GetValue<int>());
        Assertions.StoredAsServed(app, sample.Files);
        Assert.All(stack.Files.Requests.Where(r => r.Path.Contains(sample.SubmissionId, StringComparison.Ordinal)),
            r => Assert.Equal("Bearer " + IntakeStack.TypeformToken, r.Authorization));

        var receipt = Assert.Single(await stack.Client.WaitForMailsAsync(id, "status-received"));
        Assert.StartsWith("Votre demande " + id, receipt.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signature_is_verified_against_a_vector_computed_with_openssl()
    {
        var stack = await IntakeStack.SharedAsync();
        // printf %s "$body" | openssl dgst -sha256 -hmac 'typeform-vector-secret' -binary | base64
        var body = Encoding.UTF8.GetBytes("""{"event_id":"01","event_type":"form_response","form_response":{"token":"abc","form_id":"f1","answers":[{"type":"text","text":"جمعية","field":{"id":"x","ref":"nom"}}]}}""");
        using var signature = global::Mouazara.Security.ProviderSignature.Typeform("typeform-vector-secret");
        signature.Append(body);
        Assert.True(signature.Matches("sha256=DC3+aUbHRoCsDzOY+r+stcSFWSI6UFysQIM7/csoh3s="));

        // And over HTTP with the stack's secret, computed here with the framework's HMAC, not the product's code.
        var edition = await stack.NewEditionAsync("typeform");
        var form = Samples.NewFormId("tf");
        stack.WriteMapping("typeform", edition, form);
        var sample = Samples.Typeform(stack.Files, form);
        var mac = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(IntakeStack.TypeformSecret), sample.Bytes));
        using var response = await stack.PostAsync("typeform", sample.Bytes, new Dictionary<string, string> { ["Typeform-Signature"] = "sha256=" + mac });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_Typeform_delivery_with_a_bad_signature_is_401_and_nothing_is_kept()
    {
        var stack = await IntakeStack.SharedAsync();
        var sample = Samples.Typeform(stack.Files, Samples.NewFormId("tf"));
        var mac = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(IntakeStack.TypeformSecret), sample.Bytes));
        var altered = (byte[])sample.Bytes.Clone();
        altered[^3] ^= 0x01;
        var attempts = new (byte[] Body, string? Header)[]
        {
            (sample.Bytes, "sha256=" + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("someone-else"), sample.Bytes))),
            (altered, "sha256=" + mac),
            (sample.Bytes, mac),
            (sample.Bytes, "sha256=" + Convert.ToHexStringLower(Convert.FromBase64String(mac))),
            (sample.Bytes, null),
        };

        foreach (var (body, header) in attempts)
        {
            using var response = await stack.PostAsync("typeform", body, header is null ? [] : new Dictionary<string, string> { ["Typeform-Signature"] = header });
            await Assertions.ProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-signature");
        }

        Assert.DoesNotContain(await stack.DeliveriesAsync(provider: "typeform"), d => d!["id"]!.GetValue<string>() == "typeform-" + sample.SubmissionId);
    }

    [Fact]
    public async Task A_Typeform_delivery_retried_and_sent_ten_times_at_once_is_one_application()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("typeform");
        var form = Samples.NewFormId("tf");
        stack.WriteMapping("typeform", edition, form);
        var sample = Samples.Typeform(stack.Files, form);

        var answers = await Assertions.DeliverConcurrentlyAsync(stack, "typeform", sample.Bytes, 10);
        var id = Samples.ApplicationIdFor("typeform", sample.SubmissionId);
        await stack.WaitForApplicationAsync(id, documents: 5);
        var retry = await stack.DeliverAcceptedAsync("typeform", sample.Bytes);

        Assert.All(answers, a => Assert.Equal(retry, a));
        await Assertions.OneApplicationAsync(stack, edition, id, retry);
        Assert.Equal(5, stack.Files.Requests.Count(r => r.Path.Contains(sample.SubmissionId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unmappable_Typeform_delivery_is_kept_with_its_reasons_and_becomes_an_application_once_the_mapping_is_fixed()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("typeform");
        var form = Samples.NewFormId("tf");
        // The form's author renamed the amount question's reference; the mapping still names the old one.
        stack.WriteMapping("typeform", edition, form, m => m["fields"]!["project.requestedAmount"]!["question"] = "montant");
        var sample = Samples.Typeform(stack.Files, form);
        var deliveryId = await stack.DeliverAcceptedAsync("typeform", sample.Bytes);

        var rejected = await stack.WaitForDeliveryAsync(deliveryId, "rejected");
        var message = Assert.Single(rejected["reasons"]!["project.requestedAmount"]!.AsArray())!.GetValue<string>();
        Assert.Contains("montant", message, StringComparison.Ordinal);
        Assert.Contains("montant_demande", rejected["questions"]!.AsArray().Select(q => q!.GetValue<string>()));
        var id = Samples.ApplicationIdFor("typeform", sample.SubmissionId);
        await Assertions.UnknownApplicationAsync(stack, id);

        stack.WriteMapping("typeform", edition, form);
        using (var reprocess = await stack.ReprocessAsync(deliveryId))
        {
            Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        }

        var app = await stack.WaitForApplicationAsync(id, documents: 5);
        Assert.Equal(48500m, app["project"]!["requestedAmount"]!.GetValue<decimal>());
        await stack.WaitForDeliveryAsync(deliveryId, "accepted");
    }

    [Fact]
    public async Task A_partial_response_event_is_kept_as_ignored_and_makes_no_application()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("typeform");
        var form = Samples.NewFormId("tf");
        stack.WriteMapping("typeform", edition, form);
        var sample = Samples.Typeform(stack.Files, form);
        sample.Json["event_type"] = "form_response_partial";

        var deliveryId = await stack.DeliverAcceptedAsync("typeform", sample.Bytes);

        var ignored = Assert.Single(await stack.DeliveriesAsync(status: "ignored"), d => d!["id"]!.GetValue<string>() == deliveryId)!;
        Assert.Contains("form_response_partial", ignored["reasons"]!["delivery"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        // Whatever the webhook started before answering has run its course (nothing should have been started).
        Assert.True(DeliveryInbox.TryParsePublicId(deliveryId, out _, out var key));
        await Engine.WaitUntilIdleIfStartedAsync(stack.Host, DeliveryInbox.InstanceId("typeform", key, 1));
        await Assertions.UnknownApplicationAsync(stack, Samples.ApplicationIdFor("typeform", sample.SubmissionId));
        Assert.Single(await stack.DeliveriesAsync(status: "ignored"), d => d!["id"]!.GetValue<string>() == deliveryId);
        using var reprocess = await stack.ReprocessAsync(deliveryId);
        await Assertions.ProblemAsync(reprocess, HttpStatusCode.Conflict, "not-a-submission");
    }
}
