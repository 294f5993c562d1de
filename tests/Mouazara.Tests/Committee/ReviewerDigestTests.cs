using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Committee;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Committee;

/// <summary>
/// Past the edition's digest limit a reviewer's further tasks are not emailed one by one: the edition's durable digest
/// sends each such reviewer one email a day listing their open tasks with the link to their own page.
/// </summary>
public sealed class ReviewerDigestTests
{
    [Fact]
    public async Task A_reviewer_over_the_limit_gets_one_digest_a_day_listing_their_open_tasks_and_their_page_links_to_each()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("digest");
        // One task emailed on its own, then the digest, looked at every 10 s (a day in production). Committee deadlines
        // far enough away that the tasks stay open while the test runs.
        var settings = TestEditions.Fast(edition, committeeDeadline: "PT20M", committeeReminder: "PT2M");
        settings["committee"]!["digestAfter"] = 1;
        settings["committee"]!["digestEvery"] = "PT10S";
        await client.PutEditionAsync(settings);

        var first = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        await client.WaitForMailsAsync(first, "review-task", 3);
        var second = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));

        // Each member now has two open tasks, one more than the limit: the second application's task is not emailed, the digest lists both.
        var digests = await client.WaitForMailsAsync(edition, "reviewer-digest", 3, TimeSpan.FromSeconds(180));
        Assert.Equal(["f.test@example.org", "k.test@example.org", "y.test@example.org"], digests.Select(d => d.To).Order());
        Assert.DoesNotContain(await client.OutboxAsync(second), m => m.Template == "review-task");
        var french = digests.Single(d => d.To == "y.test@example.org");
        Assert.Contains(first, french.Text, StringComparison.Ordinal);
        Assert.Contains(second, french.Text, StringComparison.Ordinal);
        Assert.Contains("Vos évaluations en attente : 2", french.Subject, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", digests.Single(d => d.To == "k.test@example.org").Html, StringComparison.Ordinal);
        var pageLink = MouazaraClient.Links(french, "reviewers").Single();

        // The reviewer's page lists both as pending, each with its review link; the one never emailed takes a vote.
        var page = await ReviewerPageAsync(client, pageLink);
        var tasks = page["tasks"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), tasks.Select(t => t["applicationId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.True(t["pending"]!.GetValue<bool>()));
        var secondLink = tasks.Single(t => t["applicationId"]!.GetValue<string>() == second)["reviewUrl"]!.GetValue<string>();
        using (var vote = await client.VoteAsync(secondLink, 70, "approve"))
        {
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        var after = (await ReviewerPageAsync(client, pageLink))["tasks"]!.AsArray().Single(t => t!["applicationId"]!.GetValue<string>() == second)!;
        Assert.False(after["pending"]!.GetValue<bool>());
        Assert.Equal(70, after["score"]!.GetValue<int>());

        // Two more rounds of the digest later, still one digest per member today.
        var durable = stack.Host.Services.GetRequiredService<DurableTaskClient>();
        var runs = await RunsAsync(durable, edition);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (await RunsAsync(durable, edition) < runs + 2)
        {
            Assert.True(DateTime.UtcNow < until, "the digest orchestration stopped running");
            await Task.Delay(500);
        }

        // One per member and Casablanca day (the day ends each dedup key): 3 in all, and a few more when the test ran
        // across local midnight (23:00 UTC in winter) and the new day's digests went out too.
        var sent = (await client.OutboxAsync(edition)).Where(m => m.Template == "reviewer-digest").ToList();
        Assert.All(sent.GroupBy(m => (m.To, Day: m.DedupKey[^10..])), sameDay => Assert.Single(sameDay));
        Assert.InRange(sent.Select(m => m.DedupKey[^10..]).Distinct().Count(), 1, 2);
        var firstDay = sent.Select(m => m.DedupKey[^10..]).Order(StringComparer.Ordinal).First();
        Assert.Equal(3, sent.Count(m => m.DedupKey.EndsWith(firstDay, StringComparison.Ordinal)));

        // A link signed for another purpose, or altered, does not open the page.
        using var forged = await client.SendAsync(HttpMethod.Get, MouazaraClient.PathOf(secondLink).Replace("api/reviews/", "api/reviewers/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    static async Task<JsonObject> ReviewerPageAsync(MouazaraClient client, string link)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MouazaraClient.PathOf(link));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>How many times the edition's digest has run, from its instance's input (it continues as new each time).</summary>
    static async Task<int> RunsAsync(DurableTaskClient durable, string edition)
    {
        var instance = await durable.GetInstanceAsync(ReviewerDigest.Instance(edition), getInputsAndOutputs: true);
        return instance?.ReadInputAs<ReviewerDigestInput>()?.Runs ?? 0;
    }
}
