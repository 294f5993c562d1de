using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Applications;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement.Agreements;

/// <summary>
/// From selection to the first tranche: the signed agreement comes back through the emailed link and staff
/// countersign it; sent back, it is asked for again with the reason; never returned, the award lapses.
/// </summary>
public sealed class AgreementWorkflowTests
{
    static async Task<string> SelectedAsync(MouazaraClient client, string edition)
    {
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, language: "ar"));
        foreach (var link in await client.ReviewLinksAsync(id, 3))
        {
            using var vote = await client.VoteAsync(link, 80, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        await client.SelectAsync(edition, id);
        await client.WaitForStatusAsync(id, "awaiting-signature");
        return id;
    }

    static IEnumerable<string> TrancheStatuses(JsonObject app) => app["award"]!["tranches"]!.AsArray().Select(t => t!["status"]!.GetValue<string>());

    [Fact]
    public async Task A_signed_copy_sent_back_is_asked_for_again_with_the_reason_and_the_first_tranche_falls_due_only_once_countersigned()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("agr");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await SelectedAsync(client, edition);

        var first = (await client.WaitForMailsAsync(id, "agreement-request")).Single();
        Assert.Contains("اتفاقية", first.Subject, StringComparison.Ordinal);

        // Staff cannot countersign before the signed copy is back, and the refusal writes nothing: the application's
        // row keeps its ETag (it is quiet once the request is sent, until the upload).
        var applications = stack.Host.Services.GetRequiredService<ApplicationStore>();
        var before = (await applications.GetAsync(edition, id)).ETag;
        using (var early = await client.DecideAgreementAsync(id, "accept"))
        {
            await Problem.AssertAsync(early, HttpStatusCode.Conflict, "no-signed-agreement");
        }

        Assert.Equal(before, (await applications.GetAsync(edition, id)).ETag);

        // The link to send the signed copy outlives the deadline the applicant is shown by one day.
        var deadline = DateTimeOffset.Parse((await client.ApplicationAsync(id))["deadlineAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(deadline.ToUnixTimeSeconds() + 86400, MouazaraClient.ExpiryOf(MouazaraClient.Links(first, "uploads").Single()).ToUnixTimeSeconds());

        // The emailed link's page offers the agreement itself, in the applicant's language, through a short-lived link.
        var page = await client.SendAsync(HttpMethod.Get, MouazaraClient.PathOf(MouazaraClient.Links(first, "uploads").Single()),
            headers: new Dictionary<string, string> { ["Accept"] = "text/html" });
        var html = await page.Content.ReadAsStringAsync();
        var agreementLink = System.Text.RegularExpressions.Regex.Match(html, "class=\"agreement\" href=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.Contains("/api/files/", agreementLink, StringComparison.Ordinal);
        using (var download = await client.SendAsync(HttpMethod.Get, MouazaraClient.PathOf(agreementLink)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType!.MediaType);
            var bytes = await download.Content.ReadAsByteArrayAsync();
            var stored = (await client.ApplicationAsync(id))["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == "agreement")!;
            Assert.Equal(stored["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
        using (var noReason = await client.DecideAgreementAsync(id, "reject"))
        {
            await Problem.AssertInvalidAsync(noReason, "reason");
        }

        await client.ReturnSignedAgreementAsync(id, round: 0, sendBack: "La signature du président manque en page 3.");
        var second = (await client.WaitForMailsAsync(id, "agreement-request", 2)).Single(m => m.DedupKey.EndsWith("agreement-1", StringComparison.Ordinal));
        Assert.Contains("La signature du président manque en page 3.", second.Text, StringComparison.Ordinal);
        var waiting = await client.ApplicationAsync(id);
        Assert.Equal("awaiting-signature", waiting["status"]!.GetValue<string>());
        Assert.All(TrancheStatuses(waiting), s => Assert.Equal("pending", s));

        // The first link was for the first copy: the new email carries its own, and the second copy is countersigned.
        await client.ReturnSignedAgreementAsync(id, round: 1);
        await client.WaitForStatusAsync(id, "disbursing");
        await Steps.WaitForTrancheAsync(client, id, 1, "due");
        var countersigned = await client.ApplicationAsync(id);
        Assert.Equal("countersigned", countersigned["agreement"]!["state"]!.GetValue<string>());
        Assert.Equal(1, countersigned["agreement"]!["round"]!.GetValue<int>());
        var history = countersigned["history"]!.AsArray().Select(h => h!["reason"]!.GetValue<string>()).ToList();
        Assert.Contains("Signed agreement sent back: La signature du président manque en page 3.", history);
        Assert.Contains("Funding agreement countersigned.", history);
    }

    [Fact]
    public async Task Without_a_signed_copy_by_the_deadline_the_award_lapses_the_applicant_is_told_and_the_money_returns()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("lapse");
        await client.PutEditionAsync(Steps.PatientEdition(edition).Also(e =>
            e["disbursement"]!["agreement"] = new JsonObject { ["deadline"] = "PT25S", ["reminderBefore"] = "PT12S", ["endOfDay"] = false }));
        var id = await SelectedAsync(client, edition);

        var app = await client.WaitForStatusAsync(id, "award-lapsed");
        Assert.Single(await client.WaitForMailsAsync(id, "agreement-reminder"));
        var told = (await client.WaitForMailsAsync(id, "status-award-lapsed")).Single();
        Assert.Contains("سقط", told.Text, StringComparison.Ordinal);
        Assert.All(TrancheStatuses(app), s => Assert.Equal("cancelled", s));
        Assert.Contains(app["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().StartsWith("Award lapsed: unpaid tranches cancelled; 45000.00 MAD returns", StringComparison.Ordinal));

        using var late = await client.DecideAgreementAsync(id, "accept");
        await Problem.AssertAsync(late, HttpStatusCode.Conflict, "no-signed-agreement");
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
