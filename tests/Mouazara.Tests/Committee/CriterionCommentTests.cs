using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Committee;

/// <summary>
/// A criterion scored under half its maximum needs its own comment, and staff read every review of an application,
/// criterion by criterion, from <c>GET /api/applications/{id}/reviews</c>.
/// </summary>
public sealed class CriterionCommentTests
{
    const string FrenchMember = "y.test@example.org";

    static async Task<(LocalStack Stack, string ApplicationId, string FrenchLink)> ApplicationInEvaluationAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("rvw");
        await stack.Client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await stack.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        var tasks = await stack.Client.WaitForMailsAsync(id, "review-task", 3);
        return (stack, id, MouazaraClient.Links(tasks.Single(t => t.To == FrenchMember), "reviews").Single());
    }

    static async Task<HttpResponseMessage> PostVoteAsync(MouazaraClient client, string link, JsonObject body) =>
        await client.SendAsync(HttpMethod.Post, MouazaraClient.PathOf(link), content: JsonContent.Create(body));

    static JsonObject LowSustainability() => new() { ["relevance"] = 26, ["feasibility"] = 20, ["impact"] = 20, ["sustainability"] = 6 };

    [Fact]
    public async Task A_low_score_without_its_comment_is_422_naming_the_criterion_and_with_it_staff_read_every_score_and_comment()
    {
        var (stack, id, link) = await ApplicationInEvaluationAsync();
        var client = stack.Client;

        // 6 of 20 is under half: without a word on sustainability nothing is recorded.
        using (var refused = await PostVoteAsync(client, link, new JsonObject
        {
            ["scores"] = LowSustainability(), ["recommendation"] = "approve",
            ["comments"] = new JsonObject { ["relevance"] = "Très pertinent." },
        }))
        {
            var problem = await Problem.AssertInvalidAsync(refused, "comments.sustainability");
            Assert.Single(problem["errors"]!.AsObject());
        }

        using (var unknown = await PostVoteAsync(client, link, new JsonObject
        {
            ["scores"] = LowSustainability(), ["recommendation"] = "approve",
            ["comments"] = new JsonObject { ["sustainability"] = "Pas de marché identifié.", ["price"] = "?" },
        }))
        {
            await Problem.AssertInvalidAsync(unknown, "comments.price");
        }

        using (var tooLong = await PostVoteAsync(client, link, new JsonObject
        {
            ["scores"] = LowSustainability(), ["recommendation"] = "approve",
            ["comments"] = new JsonObject { ["sustainability"] = new string('x', 1001) },
        }))
        {
            await Problem.AssertInvalidAsync(tooLong, "comments.sustainability");
        }

        Assert.Empty(await StoredRows.RowsAsync(stack.Prefix + "Votes", id));
        using (var before = await client.SendAsync(HttpMethod.Get, $"api/applications/{id}/reviews", await client.StaffTokenAsync()))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            var reviews = (await before.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(3, reviews["reviews"]!.AsArray().Count);
            Assert.All(reviews["reviews"]!.AsArray(), r => Assert.Equal("open", r!["state"]!.GetValue<string>()));
            Assert.Equal(0, reviews["evaluation"]!["votesCast"]!.GetValue<int>());
            Assert.Equal(3, reviews["evaluation"]!["open"]!.GetValue<int>());
        }

        using (var accepted = await PostVoteAsync(client, link, new JsonObject
        {
            ["scores"] = LowSustainability(), ["recommendation"] = "approve", ["comment"] = "Bon projet dans l'ensemble.",
            ["comments"] = new JsonObject { ["sustainability"] = "  Pas de marché identifié après la subvention.  ", ["relevance"] = "Très pertinent." },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        using var response = await client.SendAsync(HttpMethod.Get, $"api/applications/{id}/reviews", await client.StaffTokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(id, view["applicationId"]!.GetValue<string>());
        var french = view["reviews"]!.AsArray().Single(r => r!["member"]!["id"]!.GetValue<string>() == "m-fr")!;
        Assert.Equal("Youssef Test", french["member"]!["name"]!.GetValue<string>());
        Assert.Equal("Test", french["member"]!["organisation"]!.GetValue<string>());
        Assert.Equal("voted", french["state"]!.GetValue<string>());
        Assert.NotNull(french["sentAt"]);
        Assert.NotNull(french["votedAt"]);
        Assert.Equal(72, french["total"]!.GetValue<int>());
        Assert.Equal(6, french["scores"]!["sustainability"]!.GetValue<int>());
        Assert.Equal(26, french["scores"]!["relevance"]!.GetValue<int>());
        Assert.Equal("Pas de marché identifié après la subvention.", french["comments"]!["sustainability"]!.GetValue<string>());
        Assert.Equal("Très pertinent.", french["comments"]!["relevance"]!.GetValue<string>());
        Assert.Equal("Bon projet dans l'ensemble.", french["comment"]!.GetValue<string>());
        Assert.Equal("approve", french["recommendation"]!.GetValue<string>());

        var others = view["reviews"]!.AsArray().Where(r => r!["member"]!["id"]!.GetValue<string>() != "m-fr").ToList();
        Assert.Equal(2, others.Count);
        Assert.All(others, r => Assert.Equal("open", r!["state"]!.GetValue<string>()));
        Assert.All(others, r => Assert.Null(r!["scores"]));

        var evaluation = view["evaluation"]!;
        Assert.Equal(1, evaluation["votesCast"]!.GetValue<int>());
        Assert.Equal(2, evaluation["open"]!.GetValue<int>());
        Assert.Equal(72m, evaluation["averageScore"]!.GetValue<decimal>());
        Assert.Equal(60m, evaluation["threshold"]!.GetValue<decimal>());
        Assert.Equal("pending", evaluation["recommendation"]!.GetValue<string>());
        Assert.True(evaluation["quorum"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task The_reviews_of_an_application_are_for_staff_only_and_an_unknown_application_is_404()
    {
        var (stack, id, _) = await ApplicationInEvaluationAsync();
        var client = stack.Client;

        using (var anonymous = await client.SendAsync(HttpMethod.Get, $"api/applications/{id}/reviews"))
        {
            await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        }

        using (var finance = await client.SendAsync(HttpMethod.Get, $"api/applications/{id}/reviews", await client.FinanceTokenAsync()))
        {
            await Problem.AssertAsync(finance, HttpStatusCode.Forbidden, "forbidden");
        }

        using var unknown = await client.SendAsync(HttpMethod.Get, "api/applications/app-nosuchapp0000/reviews", await client.StaffTokenAsync());
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "not-found");
    }
}
