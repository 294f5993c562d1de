using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Committee;

/// <summary>
/// The committee from end to end over HTTP on the real stack: an application reviewed by an assigned panel with one
/// recusal and one revision, ending with a score staff can read with every comment. Every step is what a form provider,
/// an applicant, a reviewer or staff do; every link comes from the outbox.
/// </summary>
public sealed class CommitteeEndToEndTests
{
    const string Staff = "staff.test@example.org";
    static readonly string[] Criteria = ["feasibility", "impact", "relevance", "sustainability"];

    [Fact]
    public async Task An_application_is_reviewed_by_its_panel_with_a_recusal_and_a_revision_and_staff_read_the_score_with_every_comment()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("committee-e2e");
        var settings = PanelWorkflowTests.PoolEdition(edition);
        // Upload links that outlast a slow machine; the committee's twenty minutes come from the pool edition.
        settings["documents"] = new JsonObject { ["deadline"] = "PT10M", ["reminderBefore"] = "PT5M", ["endOfDay"] = false };
        settings["committee"]!["divergenceThreshold"] = 20;
        settings["committee"]!["revision"] = new JsonObject { ["deadline"] = "PT10M", ["reminderBefore"] = "PT5M", ["endOfDay"] = false };
        await client.PutEditionAsync(settings);

        // Submitted with two of the six documents; the applicant sends the other four through the emailed links.
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes", "project-description"]));
        var request = (await client.WaitForMailsAsync(id, "documents-request")).Single();
        var uploads = MouazaraClient.Links(request, "uploads");
        Assert.Equal(4, uploads.Count);
        foreach (var link in uploads)
        {
            using var upload = await client.UploadAsync(link, TestFiles.Pdf(link.Split('/')[^1]));
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        // Eligible by the edition's rules; the panel is seated and each of its three reviewers emailed.
        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
        var app = await client.WaitForStatusAsync(id, "in-evaluation");
        Assert.Equal(6, app["documents"]!.AsArray().Count);
        Assert.Equal("eligible", app["eligibility"]!["outcome"]!.GetValue<string>());
        Assert.All(app["eligibility"]!["rules"]!.AsArray(), r => Assert.Equal("pass", r!["verdict"]!.GetValue<string>()));

        // Who sits and why, from the API: readers of French, no one from the applicant's organisation or commune, two categories.
        var seats = (await PanelWorkflowTests.ReviewsAsync(client, id))["panel"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var panel = seats.Select(s => s["memberId"]!.GetValue<string>()).ToList();
        Assert.Equal(tasks.Select(PanelWorkflowTests.MemberOf).Order(StringComparer.Ordinal), panel.Order(StringComparer.Ordinal));
        Assert.Contains("p-min", panel);
        Assert.Contains("p-chamber", panel);
        Assert.All(seats, s => Assert.StartsWith("reads French;", s["reason"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.True(seats.Select(s => s["category"]!.GetValue<string>()).Distinct().Count() >= 2);
        var assigned = app["history"]!.AsArray().Select(h => h!["reason"]!.GetValue<string>()).Single(r => r.StartsWith("Reviewers assigned:", StringComparison.Ordinal));
        Assert.Contains("p-org not assigned: from the applicant's own organisation.", assigned, StringComparison.Ordinal);
        Assert.Contains("p-civil not assigned: from the applicant's commune.", assigned, StringComparison.Ordinal);
        Assert.DoesNotContain("p-ar", panel);

        // p-chamber declares a conflict: a replacement from the pool is seated and emailed, staff are told.
        var recusingLink = MouazaraClient.Links(tasks.Single(t => PanelWorkflowTests.MemberOf(t) == "p-chamber"), "reviews").Single();
        using (var recusal = await PanelWorkflowTests.DeclareAsync(client, recusingLink, conflict: true, note: "Je conseille cette association."))
        {
            Assert.Equal(HttpStatusCode.Accepted, recusal.StatusCode);
        }

        var replacementMail = (await client.WaitForMailsAsync(id, "review-task", 4)).Single(t => !panel.Contains(PanelWorkflowTests.MemberOf(t)));
        var replacement = PanelWorkflowTests.MemberOf(replacementMail);
        Assert.DoesNotContain(replacement, new[] { "p-civil", "p-org", "p-ar" });
        var staffMail = Assert.Single(await client.WaitForMailsAsync(id, "staff-recusal"));
        Assert.Equal(Staff, staffMail.To);
        Assert.Contains("p-chamber", staffMail.Text, StringComparison.Ordinal);
        Assert.Contains(replacement, staffMail.Text, StringComparison.Ordinal);

        // The three sitting reviewers declare no conflict and vote 40, 80 and 85: 45 points apart, over the threshold of 20.
        var other = panel.Single(m => m is not "p-min" and not "p-chamber");
        var links = new Dictionary<string, string>
        {
            ["p-min"] = MouazaraClient.Links(tasks.Single(t => PanelWorkflowTests.MemberOf(t) == "p-min"), "reviews").Single(),
            [other] = MouazaraClient.Links(tasks.Single(t => PanelWorkflowTests.MemberOf(t) == other), "reviews").Single(),
            [replacement] = MouazaraClient.Links(replacementMail, "reviews").Single(),
        };
        foreach (var (member, total, recommendation) in new[] { ("p-min", 40, "reject"), (other, 80, "approve"), (replacement, 85, "approve") })
        {
            using (var declared = await PanelWorkflowTests.DeclareAsync(client, links[member], conflict: false))
            {
                Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
            }

            using var vote = await client.SendAsync(HttpMethod.Post, MouazaraClient.PathOf(links[member]),
                content: JsonContent.Create(Ballot(total, recommendation, "Premier avis de " + member + ".")));
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        // Each of them gets a revision link; p-min revises to 75, the others keep their vote.
        var revisions = (await client.WaitForMailsAsync(id, "revision-task", 3)).ToDictionary(PanelWorkflowTests.MemberOf);
        Assert.Equal(links.Keys.Order(StringComparer.Ordinal), revisions.Keys.Order(StringComparer.Ordinal));
        using (var revised = await ConsensusWorkflowTests.AnswerAsync(client, revisions["p-min"], Ballot(75, "approve", "Révisé après lecture des autres avis.")))
        {
            Assert.Equal(HttpStatusCode.Created, revised.StatusCode);
        }

        foreach (var member in new[] { other, replacement })
        {
            using var kept = await ConsensusWorkflowTests.AnswerAsync(client, revisions[member], new JsonObject { ["keep"] = true });
            Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        }

        // The committee decides on the mean after revision: (75 + 80 + 85) / 3.
        app = await client.WaitForStatusAsync(id, "shortlisted");
        Assert.Equal(80m, app["evaluation"]!["averageScore"]!.GetValue<decimal>());
        Assert.Equal("committee", app["evaluation"]!["decidedBy"]!.GetValue<string>());

        // Staff read every reviewer's scores per criterion and comments, the recusal, and both rounds.
        var view = await PanelWorkflowTests.ReviewsAsync(client, id);
        var evaluation = view["evaluation"]!;
        Assert.Equal(80m, evaluation["averageScore"]!.GetValue<decimal>());
        Assert.Equal("approve", evaluation["recommendation"]!.GetValue<string>());
        Assert.Equal(3, evaluation["votesCast"]!.GetValue<int>());
        Assert.Equal(45, evaluation["consensus"]!["spreadBefore"]!.GetValue<int>());
        Assert.Equal(10, evaluation["consensus"]!["spreadAfter"]!.GetValue<int>());
        Assert.Equal(1, evaluation["consensus"]!["revised"]!.GetValue<int>());
        Assert.Equal(2, evaluation["consensus"]!["kept"]!.GetValue<int>());

        foreach (var (member, total) in new[] { ("p-min", 40), (other, 80), (replacement, 85) })
        {
            var review = ConsensusWorkflowTests.Of(view, "reviews", member);
            Assert.Equal(1, review["round"]!.GetValue<int>());
            Assert.Equal(total, review["total"]!.GetValue<int>());
            Assert.Equal(Criteria, review["scores"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));
            Assert.Equal(total, review["scores"]!.AsObject().Sum(s => s.Value!.GetValue<int>()));
            Assert.Equal("Premier avis de " + member + ".", review["comment"]!.GetValue<string>());
        }

        // The low first vote justified criterion by criterion: every criterion under half its maximum has its comment.
        var low = ConsensusWorkflowTests.Of(view, "reviews", "p-min");
        Assert.Equal(TestEditions.CommentsFor(TestEditions.Scores(40)).Select(c => c.Key).Order(StringComparer.Ordinal),
            low["comments"]!.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.NotEmpty(low["comments"]!.AsObject());

        Assert.Equal("recused", ConsensusWorkflowTests.Of(view, "reviews", "p-chamber")["state"]!.GetValue<string>());
        var recusedSeat = view["panel"]!.AsArray().Single(s => s!["memberId"]!.GetValue<string>() == "p-chamber")!;
        Assert.Equal("recused", recusedSeat["state"]!.GetValue<string>());
        Assert.Equal("Je conseille cette association.", recusedSeat["endNote"]!.GetValue<string>());
        Assert.Equal("p-chamber", view["panel"]!.AsArray().Single(s => s!["memberId"]!.GetValue<string>() == replacement)!["replaces"]!.GetValue<string>());

        var secondRound = ConsensusWorkflowTests.Of(view, "revisions", "p-min");
        Assert.Equal(2, secondRound["round"]!.GetValue<int>());
        Assert.Equal("revised", secondRound["state"]!.GetValue<string>());
        Assert.Equal(75, secondRound["total"]!.GetValue<int>());
        Assert.Equal(Criteria, secondRound["scores"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Révisé après lecture des autres avis.", secondRound["comment"]!.GetValue<string>());
        Assert.Equal("kept", ConsensusWorkflowTests.Of(view, "revisions", other)["state"]!.GetValue<string>());
        Assert.Equal("kept", ConsensusWorkflowTests.Of(view, "revisions", replacement)["state"]!.GetValue<string>());
        Assert.DoesNotContain(view["revisions"]!.AsArray(), r => r!["member"]!["id"]!.GetValue<string>() == "p-chamber");
    }

    /// <summary>A ballot of <paramref name="total"/> points, with a comment for each criterion scored under half its maximum.</summary>
    static JsonObject Ballot(int total, string recommendation, string comment)
    {
        var scores = TestEditions.Scores(total);
        return new JsonObject { ["scores"] = scores, ["recommendation"] = recommendation, ["comment"] = comment, ["comments"] = TestEditions.CommentsFor(scores) };
    }
}
