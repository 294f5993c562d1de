using System.Net;
using Mouazara.Testing;
using Mouazara.Tests.Eligibility;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Committee;

public sealed class CommitteeWorkflowTests
{
    [Fact]
    public async Task Each_member_gets_one_task_in_their_language_and_a_majority_of_rejections_means_not_selected()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("reject");
        await client.PutEditionAsync(TestEditions.Fast(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));

        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
        Assert.Equal(["f.test@example.org", "k.test@example.org", "y.test@example.org"], tasks.Select(t => t.To).Order());
        Assert.Contains("dir=\"rtl\"", tasks.Single(t => t.To == "k.test@example.org").Html, StringComparison.Ordinal);
        Assert.Contains("dir=\"ltr\"", tasks.Single(t => t.To == "y.test@example.org").Html, StringComparison.Ordinal);
        Assert.All(tasks, t => Assert.Single(MouazaraClient.Links(t, "reviews")));
        Assert.Equal(3, tasks.Select(t => MouazaraClient.Links(t, "reviews")[0]).Distinct().Count());

        var votes = new[] { (45, "reject"), (50, "reject"), (90, "approve") };
        for (var i = 0; i < 3; i++)
        {
            using var vote = await client.VoteAsync(MouazaraClient.Links(tasks[i], "reviews")[0], votes[i].Item1, votes[i].Item2);
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        var app = await client.WaitForStatusAsync(id, "not-selected");
        Assert.Equal("reject", app["evaluation"]!["recommendation"]!.GetValue<string>());
        Assert.Equal(61.67m, app["evaluation"]!["averageScore"]!.GetValue<decimal>());
        await client.WaitForMailsAsync(id, "status-not-selected");
        Assert.Null(app["award"]);
    }

    [Fact]
    public async Task Members_who_have_not_voted_are_reminded_and_without_a_quorum_at_the_deadline_staff_decide()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("quorum");
        // The one vote must be in before the reminder goes out 40 s after the tasks: room for a loaded machine to
        // deliver a mail and a vote, rather than a race against 12 s.
        await client.PutEditionAsync(TestEditions.Fast(edition, committeeDeadline: "PT60S", committeeReminder: "PT20S", quorum: 2));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));

        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
        var voter = tasks[0];
        using (var vote = await client.VoteAsync(MouazaraClient.Links(voter, "reviews")[0], 85, "approve"))
        {
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        // The deadline has passed once staff are asked to decide; by then the reminder round is over, so what the
        // outbox holds is every reminder there will be: one to each member who had not voted.
        var waiting = await client.WaitForStatusAsync(id, "awaiting-staff-review");
        Assert.Equal("committee", waiting["reviewStage"]!.GetValue<string>());
        Assert.False(waiting["evaluation"]!["quorumReached"]!.GetValue<bool>());
        var reminders = (await client.OutboxAsync(id)).Where(m => m.Template == "review-reminder").Select(m => m.To).Order().ToList();
        Assert.Equal(tasks.Select(t => t.To).Where(to => to != voter.To).Order(), reminders);

        // A review link lives until the committee's deadline: past it, a late vote's link is not valid (401).
        var lateLink = MouazaraClient.Links(tasks[1], "reviews")[0];
        Assert.True(MouazaraClient.ExpiryOf(lateLink) <= DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5), "the link outlives the evaluation");
        await MouazaraClient.WaitUntilExpiredAsync(lateLink);
        using (var late = await client.VoteAsync(lateLink, 90, "approve"))
        {
            await Problem.AssertAsync(late, HttpStatusCode.Unauthorized, "invalid-link");
        }

        using var decision = await EligibilityWorkflowTests.Decide(client, id, "approve", "Avis favorable du seul membre ayant voté, confirmé en comité restreint.");
        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        await client.SelectAsync(edition, id);
        await client.ReturnSignedAgreementAsync(id);
        var app = await client.WaitForStatusAsync(id, "disbursing");
        Assert.StartsWith("staff:", app["evaluation"]!["decidedBy"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
