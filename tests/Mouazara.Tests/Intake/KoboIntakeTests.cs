using System.Net;
using System.Text;
using Mouazara.Tests.Intake.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// KoboToolbox REST Services post each submission as JSON with HTTP Basic credentials; its files are downloaded
/// from the attachments' download_url with the project's API key (<c>Authorization: Token</c>).
/// </summary>
public sealed class KoboIntakeTests
{
    [Fact]
    public async Task A_Kobo_submission_becomes_the_mapped_application_with_its_files_fetched_with_the_API_key()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("kobo");
        var form = Samples.NewFormId("aKobo");
        stack.WriteMapping("kobo", edition, form);
        // The budget's first download fails: a durable retry fetches it.
        var sample = Samples.Kobo(stack.Files, form, failFirst: 1);

        var deliveryId = await stack.DeliverAcceptedAsync("kobo", sample.Bytes);

        Assert.Equal("kobo-" + sample.SubmissionId, deliveryId);
        var id = Samples.ApplicationIdFor("kobo", sample.SubmissionId);
        var app = await stack.WaitForApplicationAsync(id, documents: 6);
        Assert.Equal(edition, app["edition"]!.GetValue<string>());
        var applicant = app["applicant"]!;
        Assert.Equal("association", applicant["type"]!.GetValue<string>());
        Assert.Equal("جمعية نساء أمزميز للنسيج التقليدي", applicant["name"]!.GetValue<string>());
        Assert.Equal("MA-07", applicant["region"]!.GetValue<string>());
        Assert.Equal("أمزميز", applicant["commune"]!.GetValue<string>());
        Assert.True(applicant["rural"]!.GetValue<bool>());
        Assert.Equal("2015-05-10", applicant["foundedOn"]!.GetValue<string>());
        Assert.Equal("female", applicant["representative"]!["gender"]!.GetValue<string>());
        var project = app["project"]!;
        Assert.Equal("handicrafts", project["sector"]!.GetValue<string>());
        Assert.Equal(45000m, project["requestedAmount"]!.GetValue<decimal>());
        Assert.Equal(62500m, project["totalBudget"]!.GetValue<decimal>());
        Assert.True(project["womenLed"]!.GetValue<bool>());
        Assert.False(project["youthLed"]!.GetValue<bool>());
        Assert.Equal(5, project["jobsCreated"]!.GetValue<int>());
        Assert.Equal(18, project["jobsMaintained"]!.GetValue<int>());
        Assertions.StoredAsServed(app, sample.Files);

        // Every download carried the project's API key, as Kobo requires; the budget was asked for twice.
        var requests = stack.Files.Requests.Where(r => r.Path.Contains(sample.SubmissionId, StringComparison.Ordinal)).ToList();
        Assert.All(requests, r => Assert.Equal("Token " + IntakeStack.KoboApiKey, r.Authorization));
        Assert.Equal(7, requests.Count);

        // The applicant hears back in Arabic, the language the form was filled in.
        var receipt = Assert.Single(await stack.Client.WaitForMailsAsync(id, "status-received"));
        Assert.Contains("/api/status/", receipt.Text, StringComparison.Ordinal);
        Assert.StartsWith("تم استلام طلبكم", receipt.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_credentials_are_checked_against_a_header_computed_independently()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("kobo");
        var form = Samples.NewFormId("aKobo");
        stack.WriteMapping("kobo", edition, form);
        var sample = Samples.Kobo(stack.Files, form);

        // "kobo-rest-test:Kobo-Test-Password-1" in base64, as `printf %s 'user:password' | base64` gives it.
        using var accepted = await stack.PostAsync("kobo", sample.Bytes, new Dictionary<string, string> { ["Authorization"] = "Basic a29iby1yZXN0LXRlc3Q6S29iby1UZXN0LVBhc3N3b3JkLTE=" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await stack.WaitForDeliveryAsync("kobo-" + sample.SubmissionId, "accepted");
    }

    [Fact]
    public async Task A_Kobo_delivery_with_wrong_or_missing_credentials_is_401_and_nothing_is_kept()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("kobo");
        var form = Samples.NewFormId("aKobo");
        stack.WriteMapping("kobo", edition, form);
        var sample = Samples.Kobo(stack.Files, form);
        var wrong = new Dictionary<string, string>[]
        {
            new() { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("kobo-rest-test:guessed")) },
            new() { ["Authorization"] = "Bearer " + IntakeStack.KoboApiKey },
            new() { ["Authorization"] = "Basic !!!not-base64" },
            [],
        };

        foreach (var headers in wrong)
        {
            using var response = await stack.PostAsync("kobo", sample.Bytes, headers);
            await Assertions.ProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-credentials");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        }

        Assert.DoesNotContain(await stack.DeliveriesAsync(provider: "kobo"), d => d!["id"]!.GetValue<string>() == "kobo-" + sample.SubmissionId);
        await Assertions.UnknownApplicationAsync(stack, Samples.ApplicationIdFor("kobo", sample.SubmissionId));
    }

    [Fact]
    public async Task A_Kobo_delivery_retried_and_sent_ten_times_at_once_is_one_application_with_one_receipt()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("kobo");
        var form = Samples.NewFormId("aKobo");
        stack.WriteMapping("kobo", edition, form);
        var sample = Samples.Kobo(stack.Files, form);

        var answers = await Assertions.DeliverConcurrentlyAsync(stack, "kobo", sample.Bytes, 10);
        var id = Samples.ApplicationIdFor("kobo", sample.SubmissionId);
        await stack.WaitForApplicationAsync(id, documents: 6);
        // Kobo's own retry, 60 seconds later in real life, once everything is done.
        var retry = await stack.DeliverAcceptedAsync("kobo", sample.Bytes);

        Assert.All(answers, a => Assert.Equal("kobo-" + sample.SubmissionId, a));
        Assert.Equal("kobo-" + sample.SubmissionId, retry);
        await Assertions.OneApplicationAsync(stack, edition, id, retry);
        Assert.Single(await stack.DeliveriesAsync(provider: "kobo"), d => d!["id"]!.GetValue<string>() == retry);
        // Each file was downloaded once, whatever the number of deliveries.
        Assert.Equal(6, stack.Files.Requests.Count(r => r.Path.Contains(sample.SubmissionId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unmappable_Kobo_delivery_is_kept_with_its_reasons_and_becomes_an_application_once_the_mapping_is_fixed()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("kobo");
        var form = Samples.NewFormId("aKobo");
        // The form gained a choice the mapping does not know yet.
        stack.WriteMapping("kobo", edition, form);
        var sample = Samples.Kobo(stack.Files, form);
        sample.Json["structure/region"] = "jiha_charqiya";
        var deliveryId = await stack.DeliverAcceptedAsync("kobo", sample.Bytes);

        var rejected = await stack.WaitForDeliveryAsync(deliveryId, "rejected");
        var reasons = rejected["reasons"]!.AsObject();
        var region = Assert.Single(reasons["applicant.region"]!.AsArray())!.GetValue<string>();
        Assert.Contains("jiha_charqiya", region, StringComparison.Ordinal);
        Assert.Contains("structure/region", region, StringComparison.Ordinal);
        Assert.Contains("structure/region", rejected["questions"]!.AsArray().Select(q => q!.GetValue<string>()));
        Assert.Contains(await stack.DeliveriesAsync(status: "rejected"), d => d!["id"]!.GetValue<string>() == deliveryId);
        var id = Samples.ApplicationIdFor("kobo", sample.SubmissionId);
        await Assertions.UnknownApplicationAsync(stack, id);

        stack.WriteMapping("kobo", edition, form, m => m["fields"]!["applicant.region"]!["choices"]!["jiha_charqiya"] = "MA-02");
        using (var reprocess = await stack.ReprocessAsync(deliveryId))
        {
            Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        }

        var app = await stack.WaitForApplicationAsync(id, documents: 6);
        Assert.Equal("MA-02", app["applicant"]!["region"]!.GetValue<string>());
        var accepted = await stack.WaitForDeliveryAsync(deliveryId, "accepted");
        Assert.Equal(2, accepted["attempt"]!.GetValue<int>());
        Assert.Equal(id, accepted["applicationId"]!.GetValue<string>());
        Assert.StartsWith("staff:", accepted["reprocessedBy"]!.GetValue<string>(), StringComparison.Ordinal);

        // Once accepted, re-processing is refused: it is an application now.
        using var again = await stack.ReprocessAsync(deliveryId);
        await Assertions.ProblemAsync(again, HttpStatusCode.Conflict, "already-accepted");
    }

    [Fact]
    public async Task A_Kobo_delivery_for_a_form_no_mapping_reads_is_kept_and_answered_202_so_Kobo_stops_retrying()
    {
        var stack = await IntakeStack.SharedAsync();
        var sample = Samples.Kobo(stack.Files, Samples.NewFormId("aUnmapped"));

        var deliveryId = await stack.DeliverAcceptedAsync("kobo", sample.Bytes);

        var rejected = await stack.WaitForDeliveryAsync(deliveryId, "rejected");
        Assert.Contains("No mapping", rejected["reasons"]!["mapping"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(sample.FormId, rejected["formId"]!.GetValue<string>());
        // The answers themselves are not shown in the inbox, only the questions' names.
        Assert.DoesNotContain("أمزميز", Assertions.Text(rejected), StringComparison.Ordinal);
    }
}
