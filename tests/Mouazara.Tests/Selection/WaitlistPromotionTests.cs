using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Selection;

/// <summary>Money that comes back to a funder goes to the confirmed waitlist, in rank order, without anyone re-running the selection.</summary>
public sealed class WaitlistPromotionTests
{
    [Fact]
    public async Task When_a_selected_application_is_withdrawn_the_first_waitlisted_one_is_selected_with_its_money()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("promo");
        var config = Steps.PatientEdition(edition);
        config["envelope"] = 49000; // room for one project of 45,000 MAD
        await client.PutEditionAsync(config);
        var ids = new List<string>();
        foreach (var score in new[] { 90, 70 })
        {
            var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
            foreach (var mail in await client.WaitForMailsAsync(id, "review-task", 3))
            {
                using var vote = await client.VoteAsync(MouazaraClient.Links(mail, "reviews").Single(), score, "approve");
                Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
            }

            ids.Add(id);
        }

        await client.SelectAsync(edition, [.. ids]);
        var (best, second) = (ids[0], ids[1]);
        await client.WaitForStatusAsync(best, "awaiting-signature");
        var waiting = await client.WaitForStatusAsync(second, "waitlisted");
        Assert.Equal(1, waiting["selection"]!["rank"]!.GetValue<int>());

        using (var withdraw = await client.SendAsync(HttpMethod.Post, $"api/applications/{best}/withdraw", await client.StaffTokenAsync(),
            JsonContent.Create(new JsonObject { ["reason"] = "L'association renonce au projet." })))
        {
            Assert.Equal(HttpStatusCode.Accepted, withdraw.StatusCode);
        }

        await client.WaitForStatusAsync(best, "withdrawn");
        var promoted = await client.WaitForStatusAsync(second, "awaiting-signature");
        Assert.Equal(45000m, promoted["award"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("selected", promoted["selection"]!["outcome"]!.GetValue<string>());
        Assert.Contains(promoted["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().StartsWith("Promoted from the waitlist (rank 1", StringComparison.Ordinal));
        await client.WaitForMailsAsync(second, "agreement-request");
        var history = (await client.SelectionAsync(edition))["history"]!.AsArray().Select(h => h!["what"]!.GetValue<string>()).ToList();
        Assert.Contains(history, h => h.StartsWith(second + " promoted from rank 1", StringComparison.Ordinal));
    }
}
