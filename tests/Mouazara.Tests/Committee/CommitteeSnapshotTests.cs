using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Committee;

/// <summary>An evaluation under way keeps the committee it started with: editing the edition changes the next ones only.</summary>
public sealed class CommitteeSnapshotTests
{
    [Fact]
    public async Task A_member_removed_and_a_threshold_raised_mid_evaluation_change_nothing_for_the_application_already_being_reviewed()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("snap");
        var config = TestEditions.Fast(edition, committeeDeadline: "PT20M", committeeReminder: "PT1199S", quorum: 2);
        await client.PutEditionAsync(config);
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);

        // Staff drop a member and raise the bar while the three reviews are open.
        var changed = config.DeepClone().AsObject();
        var committee = changed["committee"]!.AsObject();
        committee["members"] = new JsonArray(committee["members"]!.AsArray().Where(m => m!["id"]!.GetValue<string>() != "m-fr").Select(m => m!.DeepClone()).ToArray());
        committee["quorum"] = 2;
        committee["scoreThreshold"] = 90;
        await client.PutEditionAsync(changed);

        // The removed member is still reminded (the reminder comes a second after the tasks) and still votes.
        var removed = tasks.Single(t => t.To == "y.test@example.org");
        Assert.Single(await client.WaitForMailsAsync(id, "review-reminder", 3), m => m.To == removed.To);
        foreach (var task in tasks)
        {
            using var vote = await client.VoteAsync(MouazaraClient.Links(task, "reviews").Single(), 70, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        // 70 clears the threshold of 60 the evaluation started with (the edition's new 90 would refuse it).
        var app = await client.WaitForStatusAsync(id, "shortlisted");
        Assert.Equal(3, app["evaluation"]!["members"]!.GetValue<int>());
        Assert.Equal(70m, app["evaluation"]!["averageScore"]!.GetValue<decimal>());
    }
}
