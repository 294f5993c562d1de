using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Applications;
using Mouazara.Lifecycle;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Selection;

/// <summary>
/// The edition's selection round on the real durable engine, driven over HTTP as programme staff drive it: the call
/// closes, a proposal within the envelope comes back, one staff member overrides, another confirms, and every
/// shortlisted applicant learns the outcome.
/// </summary>
public sealed class SelectionRoundTests
{
    /// <summary>Room for two projects of 45,000 MAD, not three.</summary>
    static JsonObject EditionWithRoomForTwo(string id)
    {
        var edition = TestEditions.Fast(id, reportForSecondTranche: false);
        edition["envelope"] = 100000;
        edition["targets"] = new JsonObject { ["scoreMin"] = 60 };
        return edition;
    }

    static async Task<string> ShortlistedAsync(MouazaraClient client, string edition, int score)
    {
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, requested: 45000));
        foreach (var link in await client.ReviewLinksAsync(id, 3))
        {
            using var vote = await client.VoteAsync(link, score, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        await client.WaitForStatusAsync(id, "shortlisted");
        return id;
    }

    static async Task<HttpResponseMessage> PostAsync(MouazaraClient client, string path, string token, object? body = null) =>
        await client.SendAsync(HttpMethod.Post, path, token, body is null ? null : JsonContent.Create(body));

    static List<string> Ids(JsonNode? list) => [.. list!.AsArray().Select(e => e!["applicationId"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Staff_close_the_call_get_the_best_portfolio_in_the_envelope_pin_one_in_and_a_second_person_confirms_it()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("sel");
        await client.PutEditionAsync(EditionWithRoomForTwo(edition));
        var best = await ShortlistedAsync(client, edition, 90);
        var second = await ShortlistedAsync(client, edition, 80);
        var third = await ShortlistedAsync(client, edition, 70);
        var staff = await client.StaffTokenAsync();

        using (var early = await PostAsync(client, $"api/editions/{edition}/selection", staff))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            await Problem.AssertAsync(early, HttpStatusCode.Conflict, "call-open");
        }

        using (var close = await PostAsync(client, $"api/editions/{edition}/close", staff))
        {
            Assert.Equal(HttpStatusCode.Accepted, close.StatusCode);
        }

        var proposal = await client.WaitForSelectionAsync(edition, "proposed");
        Assert.Equal(new[] { best, second }.Order(StringComparer.Ordinal), Ids(proposal["selected"]));
        Assert.Equal([third], Ids(proposal["waitlist"]));
        Assert.Equal(90000m, proposal["funders"]![0]!["committed"]!.GetValue<decimal>());
        Assert.Equal("optimal", proposal["solver"]!["status"]!.GetValue<string>());

        // The person who proposed (closed the call) cannot confirm alone.
        using (var alone = await PostAsync(client, $"api/editions/{edition}/selection/confirm", staff))
        {
            await Problem.AssertAsync(alone, HttpStatusCode.Forbidden, "same-person");
        }

        using (var pin = await PostAsync(client, $"api/editions/{edition}/selection/overrides", staff,
            new { applicationId = third, pin = "in", reason = "Seul projet de la province." }))
        {
            Assert.Equal(HttpStatusCode.Accepted, pin.StatusCode);
        }

        var second_ = await client.WaitForSelectionAsync(edition, "proposed");
        Assert.Equal(2, second_["version"]!.GetValue<int>());
        Assert.Equal(new[] { best, third }.Order(StringComparer.Ordinal), Ids(second_["selected"]));
        Assert.Equal([second], Ids(second_["waitlist"]));
        Assert.Equal(third, second_["pins"]![0]!["applicationId"]!.GetValue<string>());

        using (var confirm = await PostAsync(client, $"api/editions/{edition}/selection/confirm", await client.SecondStaffTokenAsync()))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            var confirmed = (await confirm.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("confirmed", confirmed["status"]!.GetValue<string>());
            Assert.Equal("staff:second-staff-officer", confirmed["confirmedBy"]!.GetValue<string>());
        }

        using (var again = await PostAsync(client, $"api/editions/{edition}/selection/confirm", staff))
        {
            await Problem.AssertAsync(again, HttpStatusCode.Conflict, "nothing-to-confirm");
        }

        var history = (await client.SelectionAsync(edition))["history"]!.AsArray().Select(h => (h!["actor"]!.GetValue<string>(), h["what"]!.GetValue<string>())).ToList();
        Assert.Contains(history, h => h.Item1 == "staff:staff-officer" && h.Item2.StartsWith("Staff closed the call", StringComparison.Ordinal));
        Assert.Contains(history, h => h.Item1 == "staff:staff-officer" && h.Item2.StartsWith("Pinned " + third + " in", StringComparison.Ordinal));
        Assert.Contains(history, h => h.Item1 == "staff:second-staff-officer" && h.Item2.StartsWith("Proposal 2 confirmed", StringComparison.Ordinal));

        foreach (var selected in new[] { best, third })
        {
            var app = await client.WaitForStatusAsync(selected, "awaiting-signature");
            Assert.Equal(45000m, app["award"]!["amount"]!.GetValue<decimal>());
            Assert.Equal("edition", app["award"]!["funder"]!.GetValue<string>());
            Assert.Equal("selected", app["selection"]!["outcome"]!.GetValue<string>());
            await client.WaitForMailsAsync(selected, "status-selected");
        }

        var waitlisted = await client.WaitForStatusAsync(second, "waitlisted");
        Assert.Equal(1, waitlisted["selection"]!["rank"]!.GetValue<int>());
        Assert.Null(waitlisted["award"]);
        var mail = (await client.WaitForMailsAsync(second, "status-waitlisted")).Single();
        Assert.Contains("1", mail.Subject + mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_that_is_not_well_formed_is_422_and_one_for_an_unknown_application_404()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("selbad");
        await client.PutEditionAsync(EditionWithRoomForTwo(edition));
        var staff = await client.StaffTokenAsync();

        using (var bad = await PostAsync(client, $"api/editions/{edition}/selection/overrides", staff, new { applicationId = "x", pin = "maybe" }))
        {
            await Problem.AssertInvalidAsync(bad, "applicationId", "pin", "reason");
        }

        using (var unknown = await PostAsync(client, $"api/editions/{edition}/selection/overrides", staff,
            new { applicationId = "MZ-0000000000AB", pin = "out", reason = "test" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var finance = await PostAsync(client, $"api/editions/{edition}/close", await client.FinanceTokenAsync()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);
        }

        Assert.Equal("open", (await client.SelectionAsync(edition))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_application_started_on_the_first_lifecycle_keeps_its_whole_request_while_new_ones_wait_for_selection()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("versions");
        await client.PutEditionAsync(EditionWithRoomForTwo(edition));

        // An instance of the first version, as one started before this deployment: intake finds it and leaves it be.
        var oldSubmission = LocalStack.NewId("sub");
        var oldId = ApplicationIds.For("generic", oldSubmission);
        var durable = stack.Host.Services.GetRequiredService<DurableTaskClient>();
        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ApplicationOrchestrator), new ApplicationRef(oldId, edition),
            new StartOrchestrationOptions(ApplicationIds.Instance(oldId)));
        Assert.Equal(oldId, await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, oldSubmission, TestSubmissions.AllAssociationDocuments, requested: 45000)));
        var newId = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, requested: 45000));

        foreach (var id in new[] { oldId, newId })
        {
            foreach (var link in await client.ReviewLinksAsync(id, 3))
            {
                using var vote = await client.VoteAsync(link, 80, "approve");
                Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
            }
        }

        var old = await client.WaitForStatusAsync(oldId, "disbursing");
        Assert.Equal(45000m, old["award"]!["amount"]!.GetValue<decimal>());
        Assert.DoesNotContain(old["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "shortlisted");
        await client.WaitForStatusAsync(newId, "shortlisted");

        var instances = new[] { (oldId, nameof(ApplicationOrchestrator)), (newId, nameof(ApplicationOrchestratorV2)) };
        foreach (var (id, version) in instances)
        {
            var instance = await durable.GetInstanceAsync(ApplicationIds.Instance(id));
            Assert.Equal(version, instance!.Name);
        }
    }
}
