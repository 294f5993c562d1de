using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Selection;

/// <summary>
/// The waitlist on the real engine: money a withdrawal returns is re-solved into a promotion proposal that a second
/// staff member confirms before anyone is promoted; closing the waitlist tells those still waiting they are not funded.
/// </summary>
public sealed class WaitlistPromotionTests
{
    static async Task<HttpResponseMessage> PostAsync(MouazaraClient client, string path, string token, object? body = null) =>
        await client.SendAsync(HttpMethod.Post, path, token, body is null ? null : JsonContent.Create(body));

    [Fact]
    public async Task A_withdrawal_proposes_a_promotion_that_a_second_person_confirms_and_closing_the_waitlist_tells_the_rest()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("promo");
        var config = Steps.PatientEdition(edition);
        config["envelope"] = 49000; // room for one project of 45,000 MAD
        await client.PutEditionAsync(config);
        var ids = new List<string>();
        foreach (var score in new[] { 90, 80, 70 })
        {
            var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
            foreach (var link in await client.ReviewLinksAsync(id, 3))
            {
                using var vote = await client.VoteAsync(link, score, "approve");
                Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
            }

            ids.Add(id);
        }

        await client.SelectAsync(edition, [.. ids]);
        var (best, second, third) = (ids[0], ids[1], ids[2]);
        await client.WaitForStatusAsync(best, "awaiting-signature");
        Assert.Equal(1, (await client.WaitForStatusAsync(second, "waitlisted"))["selection"]!["rank"]!.GetValue<int>());
        await client.WaitForStatusAsync(third, "waitlisted");
        var staff = await client.StaffTokenAsync();

        using (var withdraw = await PostAsync(client, $"api/applications/{best}/withdraw", staff, new { reason = "L'association renonce au projet." }))
        {
            Assert.Equal(HttpStatusCode.Accepted, withdraw.StatusCode);
        }

        await client.WaitForStatusAsync(best, "withdrawn");
        var proposed = await client.WaitForSelectionAsync(edition, "proposed", TimeSpan.FromSeconds(300));
        var promotion = proposed["promotion"]!;
        Assert.Equal(1, promotion["number"]!.GetValue<int>());
        Assert.Equal(best, promotion["returnedBy"]!.GetValue<string>());
        Assert.Equal([second], promotion["promoted"]!.AsArray().Select(p => p!["applicationId"]!.GetValue<string>()));
        Assert.Equal("staff:staff-officer", proposed["proposedBy"]!.GetValue<string>());

        // Proposed, not promoted: nobody is told anything before a second person confirms.
        Assert.Equal("waitlisted", (await client.ApplicationAsync(second))["status"]!.GetValue<string>());
        using (var alone = await PostAsync(client, $"api/editions/{edition}/selection/confirm", staff))
        {
            await Problem.AssertAsync(alone, HttpStatusCode.Forbidden, "same-person");
        }

        using (var confirm = await PostAsync(client, $"api/editions/{edition}/selection/confirm", await client.SecondStaffTokenAsync()))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            var confirmed = (await confirm.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("confirmed", confirmed["status"]!.GetValue<string>());
            Assert.Equal("staff:second-staff-officer", confirmed["confirmedBy"]!.GetValue<string>());
        }

        using (var again = await PostAsync(client, $"api/editions/{edition}/selection/confirm", staff))
        {
            await Problem.AssertAsync(again, HttpStatusCode.Conflict, "nothing-to-confirm");
        }

        var promoted = await client.WaitForStatusAsync(second, "awaiting-signature");
        Assert.Equal(45000m, promoted["award"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("selected", promoted["selection"]!["outcome"]!.GetValue<string>());
        var appHistory = promoted["history"]!.AsArray().Select(h => (h!["actor"]!.GetValue<string>(), h["reason"]!.GetValue<string>())).ToList();
        Assert.Contains(appHistory, h => h.Item1 == "staff:staff-officer" && h.Item2.StartsWith("Proposed for promotion from the waitlist", StringComparison.Ordinal));
        Assert.Contains(appHistory, h => h.Item1 == "staff:second-staff-officer" && h.Item2.StartsWith("Promotion 1 confirmed", StringComparison.Ordinal));
        await client.WaitForMailsAsync(second, "status-selected");
        var history = (await client.SelectionAsync(edition))["history"]!.AsArray().Select(h => (h!["actor"]!.GetValue<string>(), h["what"]!.GetValue<string>())).ToList();
        Assert.Contains(history, h => h.Item1 == "staff:staff-officer" && h.Item2.StartsWith("Promotion 1 proposed", StringComparison.Ordinal));
        Assert.Contains(history, h => h.Item1 == "staff:second-staff-officer" && h.Item2.StartsWith($"Promotion 1 (proposal 2) confirmed: {second} promoted", StringComparison.Ordinal));
        Assert.Equal("waitlisted", (await client.ApplicationAsync(third))["status"]!.GetValue<string>());

        // The programme's money is settled: the one still waiting is told, in French here, that it is not funded.
        using (var close = await PostAsync(client, $"api/editions/{edition}/selection/close-waitlist", staff))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
            Assert.Equal("staff:staff-officer", (await close.Content.ReadFromJsonAsync<JsonObject>())!["waitlistClosedBy"]!.GetValue<string>());
        }

        var told = await client.WaitForStatusAsync(third, "not-selected");
        Assert.Equal("waitlist-closed", told["selection"]!["reasons"]![0]!["code"]!.GetValue<string>());
        var notice = (await client.WaitForMailsAsync(third, "status-not-selected")).Single();
        Assert.Contains("liste d'attente de cette édition est close", notice.Text, StringComparison.Ordinal);
        Assert.Equal("awaiting-signature", (await client.ApplicationAsync(second))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Closing_a_waitlist_before_any_selection_is_confirmed_is_refused()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("promo");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        using var close = await PostAsync(client, $"api/editions/{edition}/selection/close-waitlist", await client.StaffTokenAsync());
        await Problem.AssertAsync(close, HttpStatusCode.Conflict, "no-waitlist");
    }
}
