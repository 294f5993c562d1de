using System.Net;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Lifecycle;

/// <summary>Whole applications on the real durable engine, driven over HTTP as their users drive them.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task A_complete_approved_application_is_paid_in_tranches_that_sum_to_the_award_and_closes()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("life");
        await client.PutEditionAsync(TestEditions.Fast(edition, reportForSecondTranche: false));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, requested: 33333.33m));

        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
        foreach (var mail in tasks.Take(2))
        {
            using var vote = await client.VoteAsync(MouazaraClient.Links(mail, "reviews").Single(), 80, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        using (var third = await client.VoteAsync(MouazaraClient.Links(tasks[2], "reviews").Single(), 70, "approve"))
        {
            Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        }

        await client.SelectAsync(edition, id);
        await client.ReturnSignedAgreementAsync(id);
        var app = await client.WaitForStatusAsync(id, "disbursing");
        var tranches = app["award"]!["tranches"]!.AsArray();
        Assert.Equal(33333.33m, app["award"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(33333.33m, tranches.Sum(t => t!["amount"]!.GetValue<decimal>()));
        Assert.Equal(76.67m, app["evaluation"]!["averageScore"]!.GetValue<decimal>());

        foreach (var tranche in tranches)
        {
            var number = tranche!["number"]!.GetValue<int>();
            await WaitForTrancheAsync(client, id, number, "due");
            using var release = await client.ReleaseAsync(id, number, tranche["amount"]!.GetValue<decimal>(), $"key-{id}-{number}");
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        // After the last tranche the final report: sent through its form link, accepted by staff; then the application closes.
        await client.FinalReportAcceptedAsync(id);
        var closed = await client.WaitForStatusAsync(id, "closed");
        Assert.All(closed["award"]!["tranches"]!.AsArray(), t => Assert.Equal("released", t!["status"]!.GetValue<string>()));
        await client.WaitForMailsAsync(id, "status-closed");
        Assert.Equal(2, (await client.OutboxAsync(id)).Count(m => m.Template == "tranche-released"));
    }

    internal static async Task WaitForTrancheAsync(MouazaraClient client, string id, int number, string status)
    {
        for (var i = 0; i < 240; i++)
        {
            var app = await client.ApplicationAsync(id);
            if (app["award"]?["tranches"]?.AsArray().Any(t => t!["number"]!.GetValue<int>() == number && t["status"]!.GetValue<string>() == status) == true)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Tranche {number} of {id} never became {status}.");
    }
}
