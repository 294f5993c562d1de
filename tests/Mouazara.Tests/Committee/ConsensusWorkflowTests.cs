using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Eligibility;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Committee;

/// <summary>
/// The consensus round on the real engine: votes further apart than the edition's threshold send every reviewer a
/// revision link; a revision that brings them together lets the committee decide on the mean after revision, and votes
/// still apart at the deadline go to staff, who see both rounds.
/// </summary>
public static class ConsensusWorkflowTests
{
    // A class per test: xunit runs one class's tests one after another, and each of these takes minutes on the engine.

    const string Arabic = "k.test@example.org";   // m-ar
    const string French = "y.test@example.org";   // m-fr
    const string Civil = "f.test@example.org";    // m-civil

    static JsonObject Edition(string id, string revisionDeadline, string revisionReminder)
    {
        var edition = TestEditions.Fast(id, committeeDeadline: "PT5M", committeeReminder: "PT1M");
        edition["committee"]!["divergenceThreshold"] = 20;
        edition["committee"]!["revision"] = new JsonObject { ["deadline"] = revisionDeadline, ["reminderBefore"] = revisionReminder, ["endOfDay"] = false };
        return edition;
    }

    static async Task<Dictionary<string, OutboxMail>> VoteAsync(MouazaraClient client, string id, params (string To, int Score, string Recommendation)[] votes)
    {
        var tasks = (await client.WaitForMailsAsync(id, "review-task", 3)).ToDictionary(m => m.To);
        foreach (var (to, score, recommendation) in votes)
        {
            using var vote = await client.VoteAsync(MouazaraClient.Links(tasks[to], "reviews").Single(), score, recommendation);
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        return (await client.WaitForMailsAsync(id, "revision-task", 3)).ToDictionary(m => m.To);
    }

    internal static async Task<HttpResponseMessage> AnswerAsync(MouazaraClient client, OutboxMail mail, JsonObject body) =>
        await client.SendAsync(HttpMethod.Post, MouazaraClient.PathOf(MouazaraClient.Links(mail, "revisions").Single()), content: JsonContent.Create(body));

    static async Task<JsonObject> ReviewsAsync(MouazaraClient client, string id)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"api/applications/{id}/reviews", await client.StaffTokenAsync());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    internal static JsonObject Of(JsonObject view, string list, string member) =>
        view[list]!.AsArray().Select(r => r!.AsObject()).Single(r => r["member"]!["id"]!.GetValue<string>() == member);

    public sealed class Converging
    {
        [Fact]
        public async Task Divergent_votes_get_revision_links_and_one_revision_that_brings_them_together_lets_the_committee_decide_on_the_mean()
        {
            var client = (await LocalStack.SharedAsync()).Client;
            var edition = LocalStack.NewId("consensus");
            await client.PutEditionAsync(Edition(edition, "PT5M", "PT1M"));
            var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));

            // 40, 80 and 85: 45 points apart, above the threshold of 20.
            var revisions = await VoteAsync(client, id, (Arabic, 40, "reject"), (French, 80, "approve"), (Civil, 85, "approve"));
            Assert.All(revisions.Values, m => Assert.Single(MouazaraClient.Links(m, "revisions")));
            Assert.Contains("dir=\"rtl\"", revisions[Arabic].Html, StringComparison.Ordinal);

            var scores = TestEditions.Scores(75);
            using (var revised = await AnswerAsync(client, revisions[Arabic], new JsonObject
            {
                ["scores"] = scores, ["recommendation"] = "approve", ["comment"] = "Après lecture des autres avis, le projet tient.", ["comments"] = TestEditions.CommentsFor(scores),
            }))
            {
                Assert.Equal(HttpStatusCode.Created, revised.StatusCode);
            }

            // Once only.
            using (var again = await AnswerAsync(client, revisions[Arabic], new JsonObject { ["keep"] = true }))
            {
                await Problem.AssertAsync(again, HttpStatusCode.Conflict, "already-revised");
            }

            foreach (var to in new[] { French, Civil })
            {
                using var kept = await AnswerAsync(client, revisions[to], new JsonObject { ["keep"] = true });
                Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
            }

            // 75, 80, 85: 10 points apart; the committee decides on their mean.
            var app = await client.WaitForStatusAsync(id, "shortlisted");
            var evaluation = app["evaluation"]!;
            Assert.Equal(80m, evaluation["averageScore"]!.GetValue<decimal>());
            Assert.Equal("approve", evaluation["recommendation"]!.GetValue<string>());
            Assert.Equal("committee", evaluation["decidedBy"]!.GetValue<string>());
            Assert.Equal(45, evaluation["consensus"]!["spreadBefore"]!.GetValue<int>());
            Assert.Equal(10, evaluation["consensus"]!["spreadAfter"]!.GetValue<int>());
            Assert.Equal(1, evaluation["consensus"]!["revised"]!.GetValue<int>());
            Assert.Equal(2, evaluation["consensus"]!["kept"]!.GetValue<int>());
            Assert.False(evaluation["consensus"]!["stillDiverges"]!.GetValue<bool>());

            // Both rounds are kept: the first vote of 40 as it was cast, the revision of 75 beside it.
            var view = await ReviewsAsync(client, id);
            Assert.Equal(40, Of(view, "reviews", "m-ar")["total"]!.GetValue<int>());
            Assert.Equal(1, Of(view, "reviews", "m-ar")["round"]!.GetValue<int>());
            var secondRound = Of(view, "revisions", "m-ar");
            Assert.Equal(2, secondRound["round"]!.GetValue<int>());
            Assert.Equal("revised", secondRound["state"]!.GetValue<string>());
            Assert.Equal(75, secondRound["total"]!.GetValue<int>());
            Assert.Equal("Après lecture des autres avis, le projet tient.", secondRound["comment"]!.GetValue<string>());
            Assert.Equal("kept", Of(view, "revisions", "m-fr")["state"]!.GetValue<string>());
        }
    }

    public sealed class StillApart
    {
        [Fact]
        public async Task Votes_still_apart_when_the_revision_period_ends_go_to_staff_with_both_rounds_in_view()
        {
            var client = (await LocalStack.SharedAsync()).Client;
            var edition = LocalStack.NewId("diverge");
            await client.PutEditionAsync(Edition(edition, "PT50S", "PT25S"));
            var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));

            var revisions = await VoteAsync(client, id, (Arabic, 30, "reject"), (French, 90, "approve"), (Civil, 90, "approve"));
            using (var kept = await AnswerAsync(client, revisions[Arabic], new JsonObject { ["keep"] = true }))
            {
                Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
            }

            // The two others never answer: reminded, then the deadline passes with the totals 60 points apart.
            var waiting = await client.WaitForStatusAsync(id, "awaiting-staff-review", TimeSpan.FromSeconds(180));
            Assert.Equal("committee", waiting["reviewStage"]!.GetValue<string>());
            Assert.True(waiting["evaluation"]!["consensus"]!["stillDiverges"]!.GetValue<bool>());
            Assert.Equal(60, waiting["evaluation"]!["consensus"]!["spreadAfter"]!.GetValue<int>());
            Assert.Equal([Civil, French], (await client.OutboxAsync(id)).Where(m => m.Template == "revision-reminder").Select(m => m.To).Order());
            await client.WaitForMailsAsync(id, "staff-review");

            var view = await ReviewsAsync(client, id);
            Assert.Equal([30, 90, 90], view["reviews"]!.AsArray().Select(r => r!["total"]!.GetValue<int>()).Order());
            // Every score and comment in view: the low first vote's justifications are there for staff.
            Assert.NotEmpty(Of(view, "reviews", "m-ar")["comments"]!.AsObject());
            Assert.Equal("Avis du membre.", Of(view, "reviews", "m-ar")["comment"]!.GetValue<string>());
            Assert.Equal("kept", Of(view, "revisions", "m-ar")["state"]!.GetValue<string>());
            Assert.Equal("closed", Of(view, "revisions", "m-fr")["state"]!.GetValue<string>());
            Assert.Equal("closed", Of(view, "revisions", "m-civil")["state"]!.GetValue<string>());
            Assert.True(view["evaluation"]!["consensus"]!["stillDiverges"]!.GetValue<bool>());

            // Past the deadline the revision link no longer works.
            await MouazaraClient.WaitUntilExpiredAsync(MouazaraClient.Links(revisions[French], "revisions").Single());
            using (var late = await AnswerAsync(client, revisions[French], new JsonObject { ["keep"] = true }))
            {
                await Problem.AssertAsync(late, HttpStatusCode.Unauthorized, "invalid-link");
            }

            using var decision = await EligibilityWorkflowTests.Decide(client, id, "approve", "Arbitrage du comité restreint après divergence persistante.");
            Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
            var app = await client.WaitForStatusAsync(id, "shortlisted");
            Assert.StartsWith("staff:", app["evaluation"]!["decidedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
