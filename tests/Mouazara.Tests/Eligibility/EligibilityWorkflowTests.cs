using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Eligibility;

public sealed class EligibilityWorkflowTests
{
    [Fact]
    public async Task An_amount_above_the_cap_makes_the_application_ineligible_and_the_applicant_is_told_why_in_their_language()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("cap");
        await client.PutEditionAsync(TestEditions.Fast(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments,
            language: "ar", requested: 60000, totalBudget: 90000));

        var app = await client.WaitForStatusAsync(id, "ineligible");
        var rules = app["eligibility"]!["rules"]!.AsArray();
        var cap = rules.Single(r => r!["rule"]!.GetValue<string>() == "amount-cap")!;
        Assert.Equal("fail", cap["verdict"]!.GetValue<string>());
        Assert.Contains("السقف", cap["messageAr"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("plafond", cap["messageFr"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(app["eligibility"]!["eligible"]!.GetValue<bool>());

        var mail = (await client.WaitForMailsAsync(id, "status-ineligible")).Single();
        Assert.Contains(cap["messageAr"]!.GetValue<string>(), mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await client.OutboxAsync(id), m => m.Template == "review-task");
    }

    [Fact]
    public async Task A_rule_the_data_cannot_settle_waits_for_staff_and_their_approval_sends_the_application_to_the_committee()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("unclear");
        await client.PutEditionAsync(TestEditions.Fast(edition, staffReminder: "PT4S"));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, foundedOn: null));

        var waiting = await client.WaitForStatusAsync(id, "awaiting-staff-review");
        Assert.Equal("eligibility", waiting["reviewStage"]!.GetValue<string>());
        Assert.Null(waiting["eligibility"]!["eligible"]);

        // Staff are told, and reminded while nobody decides.
        await client.WaitForMailsAsync(id, "staff-review", 2, TimeSpan.FromSeconds(30));

        using var decision = await Decide(client, id, "approve", "Date de création vérifiée sur le récépissé.");
        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        var app = await client.WaitForStatusAsync(id, "in-evaluation");
        Assert.True(app["eligibility"]!["eligible"]!.GetValue<bool>());
        Assert.Contains(app["history"]!.AsArray(), h => h!["actor"]!.GetValue<string>().StartsWith("staff:", StringComparison.Ordinal));

        using var again = await Decide(client, id, "reject", "Trop tard.");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_staff_refusal_makes_the_application_ineligible_with_the_staff_reason_in_the_email()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("refuse");
        await client.PutEditionAsync(TestEditions.Fast(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, foundedOn: null));
        await client.WaitForStatusAsync(id, "awaiting-staff-review");

        using var decision = await Decide(client, id, "reject", "Structure créée après l'ouverture de l'appel.");
        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        await client.WaitForStatusAsync(id, "ineligible");
        var mail = (await client.WaitForMailsAsync(id, "status-ineligible")).Single();
        Assert.Contains("Structure créée après l'ouverture de l'appel.", mail.Text, StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> Decide(MouazaraClient client, string id, string decision, string reason) =>
        await client.SendAsync(HttpMethod.Post, $"api/applications/{id}/decision", await client.StaffTokenAsync(),
            JsonContent.Create(new JsonObject { ["decision"] = decision, ["reason"] = reason }));
}
