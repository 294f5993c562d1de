using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Committee;

/// <summary>
/// An edition with a reviewer pool, on the real engine: each application gets a panel of three, a reviewer who declares
/// a conflict, is reassigned by staff or leaves the pool is replaced by the next best member, emailed at once, and the
/// quorum is the panel's.
/// </summary>
public static class PanelWorkflowTests
{
    // A class per test: xunit runs one class's tests one after another, and each of these takes minutes on the engine.

    const string Staff = "staff.test@example.org";

    /// <summary>
    /// TestEditions.Fast with a pool of nine for French applications (the test applicant is "Association Test
    /// Tissage" of Amizmiz, in handicrafts): two members in conflict, one who reads only Arabic.
    /// </summary>
    public static JsonObject PoolEdition(string id)
    {
        var edition = TestEditions.Fast(id, committeeDeadline: "PT20M", committeeReminder: "PT10M");
        var committee = edition["committee"]!.AsObject();
        committee["members"] = new JsonArray(
            Member("p-min", "ministry", ["fr", "ar"], ["handicrafts"]),
            Member("p-chamber", "chamber-of-handicrafts", ["fr", "ar"], ["handicrafts"]),
            Member("p-council", "regional-council", ["fr", "ar"], []),
            Member("p-civil", "civil-society", ["fr"], [], commune: "Amizmiz"),
            Member("p-org", "civil-society", ["fr"], ["handicrafts"], organisation: "Association Test Tissage"),
            Member("p-ar", "ministry", ["ar"], ["handicrafts"]),
            Member("p-spare1", "civil-society", ["fr"], []),
            Member("p-spare2", "ministry", ["fr", "ar"], []),
            Member("p-spare3", "regional-council", ["fr"], []));
        committee["reviewersPerApplication"] = 3;
        committee["minCategories"] = 2;
        return edition;
    }

    static JsonObject Member(string id, string category, string[] languages, string[] sectors, string? commune = null, string? organisation = null) => new()
    {
        ["id"] = id,
        ["name"] = "Membre " + id,
        ["email"] = id + "@example.org",
        ["language"] = languages[0],
        ["languages"] = new JsonArray(languages.Select(l => (JsonNode)l).ToArray()),
        ["organisation"] = organisation ?? "Organisation " + id,
        ["category"] = category,
        ["sectors"] = new JsonArray(sectors.Select(s => (JsonNode)s).ToArray()),
        ["commune"] = commune ?? "Commune " + id,
    };

    internal static string MemberOf(OutboxMail mail) => mail.To.Split('@')[0];

    internal static async Task<JsonObject> ReviewsAsync(MouazaraClient client, string id)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"api/applications/{id}/reviews", await client.StaffTokenAsync());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    internal static async Task<HttpResponseMessage> DeclareAsync(MouazaraClient client, string link, bool conflict, string? note = null) =>
        await client.SendAsync(HttpMethod.Post, MouazaraClient.PathOf(link) + "/conflict",
            content: JsonContent.Create(new JsonObject { ["conflict"] = conflict, ["note"] = note }));

    static async Task DeclareAndVoteAsync(MouazaraClient client, string link, int score)
    {
        using (var declared = await DeclareAsync(client, link, conflict: false))
        {
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        }

        using var vote = await client.VoteAsync(link, score, "approve");
        Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
    }

    public sealed class Recusal
    {
        [Fact]
        public async Task A_recused_reviewer_is_replaced_by_an_emailed_member_staff_are_told_and_the_panel_of_three_makes_the_quorum()
        {
            var client = (await LocalStack.SharedAsync()).Client;
            var edition = LocalStack.NewId("panel");
            await client.PutEditionAsync(PoolEdition(edition));
            var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));

            var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
            var panel = tasks.Select(MemberOf).ToList();
            Assert.Equal(3, panel.Count);
            Assert.DoesNotContain("p-civil", panel);   // same commune as the applicant
            Assert.DoesNotContain("p-org", panel);     // the applicant's own organisation
            Assert.DoesNotContain("p-ar", panel);      // reads no French
            Assert.Contains("p-min", panel);           // handicrafts expertise, ministry
            Assert.Contains("p-chamber", panel);       // handicrafts expertise, a second category

            var view = await ReviewsAsync(client, id);
            var seats = view["panel"]!.AsArray();
            Assert.Equal(panel.Order(StringComparer.Ordinal), seats.Select(s => s!["memberId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.StartsWith("reads French; handicrafts expertise; ministry;", seats.Single(s => s!["memberId"]!.GetValue<string>() == "p-min")!["reason"]!.GetValue<string>(),
                StringComparison.Ordinal);

            // The scoring form waits for the declaration.
            var recusing = tasks.Single(t => MemberOf(t) == "p-chamber");
            var recusingLink = MouazaraClient.Links(recusing, "reviews").Single();
            using (var early = await client.VoteAsync(recusingLink, 80, "approve"))
            {
                Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
                Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
                Assert.Contains("conflict-declaration-required", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var recusal = await DeclareAsync(client, recusingLink, conflict: true, note: "Ma sœur est membre du bureau."))
            {
                Assert.Equal(HttpStatusCode.Accepted, recusal.StatusCode);
            }

            // A fourth task goes to the replacement; staff are told; the recused link no longer votes.
            var replacementMail = (await client.WaitForMailsAsync(id, "review-task", 4)).Single(t => !panel.Contains(MemberOf(t)));
            var replacement = MemberOf(replacementMail);
            Assert.DoesNotContain(replacement, new[] { "p-civil", "p-org", "p-ar", "p-chamber" });
            var staffMail = Assert.Single(await client.WaitForMailsAsync(id, "staff-recusal"));
            Assert.Equal(Staff, staffMail.To);
            Assert.Contains("p-chamber", staffMail.Text, StringComparison.Ordinal);
            Assert.Contains(replacement, staffMail.Text, StringComparison.Ordinal);
            using (var gone = await client.VoteAsync(recusingLink, 80, "approve"))
            {
                Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
                Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
            }

            // The three sitting reviewers vote: that is the quorum, and the evaluation ends at once.
            foreach (var mail in (await client.OutboxAsync(id)).Where(m => m.Template == "review-task" && MemberOf(m) != "p-chamber"))
            {
                await DeclareAndVoteAsync(client, MouazaraClient.Links(mail, "reviews").Single(), 75);
            }

            var app = await client.WaitForStatusAsync(id, "shortlisted");
            Assert.Equal(3, app["evaluation"]!["members"]!.GetValue<int>());
            Assert.Equal(3, app["evaluation"]!["quorum"]!.GetValue<int>());
            Assert.Equal(3, app["evaluation"]!["votesCast"]!.GetValue<int>());

            var after = await ReviewsAsync(client, id);
            var recused = after["panel"]!.AsArray().Single(s => s!["memberId"]!.GetValue<string>() == "p-chamber")!;
            Assert.Equal("recused", recused["state"]!.GetValue<string>());
            Assert.Equal("Ma sœur est membre du bureau.", recused["endNote"]!.GetValue<string>());
            var replaced = after["panel"]!.AsArray().Single(s => s!["memberId"]!.GetValue<string>() == replacement)!;
            Assert.Equal("p-chamber", replaced["replaces"]!.GetValue<string>());
            Assert.Equal("done", replaced["state"]!.GetValue<string>());
            Assert.NotNull(replaced["conflictDeclaredAt"]);
            Assert.Contains(app["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().StartsWith("p-chamber declared a conflict of interest", StringComparison.Ordinal));
        }
    }

    public sealed class Reassignment
    {
        [Fact]
        public async Task Staff_reassign_one_reviewer_and_a_member_removed_from_the_pool_has_their_open_review_moved()
        {
            var client = (await LocalStack.SharedAsync()).Client;
            var edition = LocalStack.NewId("moved");
            var config = PoolEdition(edition);
            await client.PutEditionAsync(config);
            var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
            var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
            var panel = tasks.Select(MemberOf).ToList();
            var staff = await client.StaffTokenAsync();
            JsonContent Reason(string why) => JsonContent.Create(new JsonObject { ["reason"] = why });

            using (var unknown = await client.SendAsync(HttpMethod.Post, $"api/applications/{id}/reviewers/p-ar/reassign", staff, Reason("Indisponible.")))
            {
                Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
                Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
            }

            using (var noReason = await client.SendAsync(HttpMethod.Post, $"api/applications/{id}/reviewers/p-min/reassign", staff, Reason(" ")))
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
            }

            using (var reassigned = await client.SendAsync(HttpMethod.Post, $"api/applications/{id}/reviewers/p-min/reassign", staff, Reason("En mission à l'étranger.")))
            {
                Assert.Equal(HttpStatusCode.Accepted, reassigned.StatusCode);
            }

            var fourth = (await client.WaitForMailsAsync(id, "review-task", 4)).Select(MemberOf).Single(m => !panel.Contains(m));
            using (var old = await client.VoteAsync(MouazaraClient.Links(tasks.Single(t => MemberOf(t) == "p-min"), "reviews").Single(), 80, "approve"))
            {
                Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
            }

            // p-chamber leaves the pool while their review is open: the review moves instead of waiting for them.
            var changed = config.DeepClone().AsObject();
            var members = changed["committee"]!["members"]!.AsArray();
            members.Remove(members.Single(m => m!["id"]!.GetValue<string>() == "p-chamber"));
            await client.PutEditionAsync(changed);
            var fifth = (await client.WaitForMailsAsync(id, "review-task", 5)).Select(MemberOf).Single(m => !panel.Contains(m) && m != fourth);
            Assert.NotEqual("p-chamber", fifth);

            var sitting = (await ReviewsAsync(client, id))["panel"]!.AsArray().Where(s => s!["state"]!.GetValue<string>() == "open")
                .Select(s => s!["memberId"]!.GetValue<string>()).ToList();
            Assert.Equal(3, sitting.Count);
            Assert.DoesNotContain("p-min", sitting);
            Assert.DoesNotContain("p-chamber", sitting);
            var mails = await client.OutboxAsync(id);
            foreach (var member in sitting)
            {
                await DeclareAndVoteAsync(client, MouazaraClient.Links(mails.Single(m => m.Template == "review-task" && MemberOf(m) == member), "reviews").Single(), 70);
            }

            var app = await client.WaitForStatusAsync(id, "shortlisted");
            Assert.Equal(3, app["evaluation"]!["votesCast"]!.GetValue<int>());
            var history = app["history"]!.AsArray().Select(h => h!["reason"]!.GetValue<string>()).ToList();
            Assert.Contains(history, h => h.StartsWith("p-min reassigned by staff: En mission à l'étranger.; replaced by " + fourth, StringComparison.Ordinal));
            Assert.Contains(history, h => h.StartsWith("p-chamber left the edition's reviewer pool; replaced by " + fifth, StringComparison.Ordinal));

            using var over = await client.SendAsync(HttpMethod.Post, $"api/applications/{id}/reviewers/{sitting[0]}/reassign", staff, Reason("Trop tard."));
            Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        }
    }

    public sealed class LateReplacement
    {
        [Fact]
        public async Task A_replacement_seated_late_gets_the_committees_whole_review_period_and_the_stage_waits_for_their_vote()
        {
            var client = (await LocalStack.SharedAsync()).Client;
            var edition = LocalStack.NewId("late");
            var config = PoolEdition(edition);
            config["committee"]!["timing"] = new JsonObject { ["deadline"] = "PT180S", ["reminderBefore"] = "PT45S", ["endOfDay"] = false };
            await client.PutEditionAsync(config);
            var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
            var tasks = await client.WaitForMailsAsync(id, "review-task", 3, TimeSpan.FromMinutes(3));
            var panel = tasks.Select(MemberOf).ToList();
            var recusingLink = MouazaraClient.Links(tasks.Single(t => MemberOf(t) == "p-chamber"), "reviews").Single();
            var stageDeadline = MouazaraClient.ExpiryOf(recusingLink);

            // The two others vote at once; half the review period is gone when p-chamber recuses.
            foreach (var member in panel.Where(m => m != "p-chamber"))
            {
                await DeclareAndVoteAsync(client, MouazaraClient.Links(tasks.Single(t => MemberOf(t) == member), "reviews").Single(), 75);
            }

            var half = stageDeadline - TimeSpan.FromSeconds(90) - DateTimeOffset.UtcNow;
            if (half > TimeSpan.Zero)
            {
                await Task.Delay(half);
            }

            var recusedAt = DateTimeOffset.UtcNow;
            using (var recusal = await DeclareAsync(client, recusingLink, conflict: true, note: "Conseil d'administration commun."))
            {
                Assert.Equal(HttpStatusCode.Accepted, recusal.StatusCode);
            }

            // The replacement's link runs the committee's three minutes from their seating, past the stage's first deadline.
            var replacementMail = (await client.WaitForMailsAsync(id, "review-task", 4)).Single(t => !panel.Contains(MemberOf(t)));
            var replacementLink = MouazaraClient.Links(replacementMail, "reviews").Single();
            var replacementDeadline = MouazaraClient.ExpiryOf(replacementLink);
            Assert.True(replacementDeadline >= recusedAt + TimeSpan.FromSeconds(179), $"Replacement due {replacementDeadline:O}, seated after {recusedAt:O}");
            Assert.True(replacementDeadline > stageDeadline);
            var app = await client.ApplicationAsync(id);
            Assert.Equal(replacementDeadline, app["deadlineAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromSeconds(1));
            Assert.Contains(app["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().Contains($"replaced by {MemberOf(replacementMail)} (", StringComparison.Ordinal)
                && h["reason"]!.GetValue<string>().Contains("due by ", StringComparison.Ordinal));

            // The stage's first deadline passes: the others' links have expired, the replacement still votes and makes the quorum.
            await MouazaraClient.WaitUntilExpiredAsync(recusingLink);
            Assert.Equal("in-evaluation", (await client.ApplicationAsync(id))["status"]!.GetValue<string>());
            await DeclareAndVoteAsync(client, replacementLink, 75);
            app = await client.WaitForStatusAsync(id, "shortlisted", TimeSpan.FromMinutes(3));
            Assert.Equal(3, app["evaluation"]!["votesCast"]!.GetValue<int>());
            Assert.Equal("committee", app["evaluation"]!["decidedBy"]!.GetValue<string>());
        }
    }
}
