using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Applications;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Committee;

/// <summary>
/// A committee member's review link: opening it (or a mail scanner prefetching it) only reads; the vote is
/// checked field by field, counted once, and only for the holder of the genuine link.
/// </summary>
public sealed class ReviewLinkTests
{
    const string ArabicMember = "k.test@example.org";
    const string FrenchMember = "y.test@example.org";

    sealed record InEvaluation(LocalStack Stack, string ApplicationId, string ArabicLink, string FrenchLink, string OtherLink);

    static async Task<InEvaluation> ApplicationInEvaluationAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("rev");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
        string LinkOf(string to) => MouazaraClient.Links(tasks.Single(t => t.To == to), "reviews").Single();
        var other = tasks.Single(t => t.To is not (ArabicMember or FrenchMember));
        return new InEvaluation(stack, id, LinkOf(ArabicMember), LinkOf(FrenchMember), MouazaraClient.Links(other, "reviews").Single());
    }

    static async Task<HttpResponseMessage> OpenAsync(MouazaraClient client, HttpMethod method, string link, string accept = "text/html,application/xhtml+xml,*/*;q=0.8")
    {
        using var request = new HttpRequestMessage(method, MouazaraClient.PathOf(link));
        request.Headers.Accept.ParseAdd(accept);
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (compatible; MailScanner/1.0)");
        return await client.Http.SendAsync(request);
    }

    static async Task<HttpResponseMessage> PostVoteAsync(MouazaraClient client, string link, JsonObject body) =>
        await client.SendAsync(HttpMethod.Post, MouazaraClient.PathOf(link), content: JsonContent.Create(body));

    /// <summary>No vote anywhere: not in the staff view, not in the votes table, not in the history.</summary>
    static async Task AssertNoVotesAsync(InEvaluation a)
    {
        var app = await a.Stack.Client.ApplicationAsync(a.ApplicationId);
        Assert.Equal("in-evaluation", app["status"]!.GetValue<string>());
        Assert.Empty(app["evaluation"]?["votes"]?.AsArray() ?? []);
        Assert.DoesNotContain(app["history"]!.AsArray(), h => h!["actor"]!.GetValue<string>().StartsWith("committee:", StringComparison.Ordinal));
        Assert.Empty(await StoredRows.RowsAsync(a.Stack.Prefix + "Votes", a.ApplicationId));
    }

    [Fact]
    public async Task Opening_review_links_with_GET_and_HEAD_changes_nothing_and_members_can_still_vote()
    {
        var a = await ApplicationInEvaluationAsync();
        var client = a.Stack.Client;

        foreach (var link in new[] { a.ArabicLink, a.FrenchLink, a.OtherLink })
        {
            for (var i = 0; i < 2; i++)
            {
                using var head = await OpenAsync(client, HttpMethod.Head, link);
                Assert.Equal(HttpStatusCode.OK, head.StatusCode);
                using var get = await OpenAsync(client, HttpMethod.Get, link);
                Assert.Equal(HttpStatusCode.OK, get.StatusCode);
                using var json = await OpenAsync(client, HttpMethod.Get, link, "application/json");
                Assert.True(json.IsSuccessStatusCode, $"GET as a program: {(int)json.StatusCode}");
            }
        }

        // Whatever opening the links could have set off in the engine has run its course.
        await Engine.WaitUntilIdleAsync(a.Stack.Host, ApplicationIds.Instance(a.ApplicationId));
        await AssertNoVotesAsync(a);

        using var vote = await client.VoteAsync(a.FrenchLink, 70, "approve");
        Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        var votes = await StoredRows.RowsAsync(a.Stack.Prefix + "Votes", a.ApplicationId);
        Assert.Single(votes);
    }

    [Fact]
    public async Task A_vote_with_missing_or_out_of_range_scores_is_422_naming_the_field_and_is_not_counted()
    {
        var a = await ApplicationInEvaluationAsync();
        var client = a.Stack.Client;

        var missing = TestEditions.Scores(80);
        missing.Remove("relevance");
        using (var response = await PostVoteAsync(client, a.FrenchLink, new JsonObject { ["scores"] = missing, ["recommendation"] = "approve" }))
        {
            await Problem.AssertInvalidAsync(response, "scores.relevance");
        }

        foreach (var bad in new JsonNode[] { 31, -1 })
        {
            var scores = TestEditions.Scores(60);
            scores["relevance"] = bad;
            using var response = await PostVoteAsync(client, a.FrenchLink, new JsonObject { ["scores"] = scores, ["recommendation"] = "approve" });
            await Problem.AssertInvalidAsync(response, "scores.relevance");
        }

        using (var noScores = await PostVoteAsync(client, a.FrenchLink, new JsonObject { ["recommendation"] = "reject" }))
        {
            await Problem.AssertInvalidAsync(noScores, "scores.relevance", "scores.feasibility", "scores.impact", "scores.sustainability");
        }

        using (var noRecommendation = await PostVoteAsync(client, a.FrenchLink, new JsonObject { ["scores"] = TestEditions.Scores(60), ["recommendation"] = "maybe" }))
        {
            await Problem.AssertInvalidAsync(noRecommendation, "recommendation");
        }

        await AssertNoVotesAsync(a);
        using var valid = await client.VoteAsync(a.FrenchLink, 75, "approve");
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
    }

    [Fact]
    public async Task A_second_vote_through_the_same_link_is_409_and_the_first_vote_stands()
    {
        var a = await ApplicationInEvaluationAsync();
        var client = a.Stack.Client;

        using (var first = await client.VoteAsync(a.ArabicLink, 85, "approve"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var second = await client.VoteAsync(a.ArabicLink, 10, "reject");

        await Problem.AssertAsync(second, HttpStatusCode.Conflict, "already-voted");
        var vote = Assert.Single(await StoredRows.RowsAsync(a.Stack.Prefix + "Votes", a.ApplicationId));
        Assert.Equal("approve", vote.GetString("Recommendation"));
        Assert.Equal(85, vote.GetInt32("Score"));
    }

    [Fact]
    public async Task Ten_concurrent_votes_through_one_review_link_record_one_vote_and_the_others_are_409()
    {
        var a = await ApplicationInEvaluationAsync();
        var client = a.Stack.Client;

        // A member who double-clicks, on a slow line, ten times: each click a different ballot, only one may count.
        var answers = await Concurrently.SendAsync(10, i => client.VoteAsync(a.ArabicLink, 70 + i, "approve"));

        var winner = Concurrently.OneWins(answers, HttpStatusCode.Created, "already-voted");
        var score = winner.Json!["score"]!.GetValue<int>();
        Assert.Equal(70 + winner.Attempt, score);
        var vote = Assert.Single(await StoredRows.RowsAsync(a.Stack.Prefix + "Votes", a.ApplicationId));
        Assert.Equal(score, vote.GetInt32("Score"));

        // The committee counts it once: one voted task, one vote of three, and the stage still waits for the other two.
        await Engine.WaitUntilIdleAsync(a.Stack.Host, ApplicationIds.Instance(a.ApplicationId));
        var reviews = await client.ReviewsAsync(a.ApplicationId);
        var voted = Assert.Single(reviews["reviews"]!.AsArray(), r => r!["state"]!.GetValue<string>() == "voted");
        Assert.Equal(score, voted!["total"]!.GetValue<int>());
        Assert.Equal(1, reviews["evaluation"]!["votesCast"]!.GetValue<int>());
        Assert.Equal(2, reviews["evaluation"]!["open"]!.GetValue<int>());
        var app = await client.ApplicationAsync(a.ApplicationId);
        Assert.Equal("in-evaluation", app["status"]!.GetValue<string>());
        Assert.Single(app["history"]!.AsArray(), h => h!["actor"]!.GetValue<string>().StartsWith("committee:", StringComparison.Ordinal));

        foreach (var link in new[] { a.FrenchLink, a.OtherLink })
        {
            using var other = await client.VoteAsync(link, 75, "approve");
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        }

        await client.WaitForStatusAsync(a.ApplicationId, "shortlisted");
        var evaluation = (await client.ReviewsAsync(a.ApplicationId))["evaluation"]!;
        Assert.Equal(3, evaluation["votesCast"]!.GetValue<int>());
        Assert.Equal(Math.Round((score + 150) / 3m, 2, MidpointRounding.AwayFromZero), evaluation["averageScore"]!.GetValue<decimal>());
        Assert.Equal(3, (await StoredRows.RowsAsync(a.Stack.Prefix + "Votes", a.ApplicationId)).Count);
    }

    [Fact]
    public async Task A_tampered_review_link_is_401_for_reading_and_for_voting()
    {
        var a = await ApplicationInEvaluationAsync();
        var client = a.Stack.Client;
        var forged = Steps.Tamper(a.FrenchLink);

        using (var read = await client.SendAsync(HttpMethod.Get, MouazaraClient.PathOf(forged)))
        {
            await Problem.AssertAsync(read, HttpStatusCode.Unauthorized, "invalid-link");
        }

        using (var vote = await client.VoteAsync(forged, 90, "approve"))
        {
            await Problem.AssertAsync(vote, HttpStatusCode.Unauthorized, "invalid-link");
        }

        await AssertNoVotesAsync(a);
    }

    [Fact]
    public async Task The_review_page_is_HTML_right_to_left_in_Arabic_and_left_to_right_in_French()
    {
        var a = await ApplicationInEvaluationAsync();
        var client = a.Stack.Client;

        using var arabic = await OpenAsync(client, HttpMethod.Get, a.ArabicLink);
        using var french = await OpenAsync(client, HttpMethod.Get, a.FrenchLink);

        Assert.Equal(HttpStatusCode.OK, arabic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, french.StatusCode);
        Assert.Equal("text/html", arabic.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/html", french.Content.Headers.ContentType?.MediaType);
        var arabicHtml = await arabic.Content.ReadAsStringAsync();
        var frenchHtml = await french.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\"", arabicHtml, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\" dir=\"ltr\"", frenchHtml, StringComparison.Ordinal);
        Assert.Contains(a.ApplicationId, arabicHtml, StringComparison.Ordinal);
        Assert.Contains(a.ApplicationId, frenchHtml, StringComparison.Ordinal);
        Assert.Contains("<form", frenchHtml, StringComparison.Ordinal);
        Assert.Contains("name=\"score.relevance\"", frenchHtml, StringComparison.Ordinal);
    }
}
