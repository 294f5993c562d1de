using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement;

/// <summary>Staff hold an awarded application's disbursement: while held nothing is released; once lifted, finance pays as before.</summary>
public static class SuspensionTests
{
    // A class per test: xunit runs one class's tests one after another, and each of these takes minutes on the engine.

    static async Task<HttpResponseMessage> PostAsync(MouazaraClient client, string id, string action, string? reason, string? bearer = null) =>
        await client.SendAsync(HttpMethod.Post, $"api/applications/{id}/{action}", bearer ?? await client.StaffTokenAsync(),
            JsonContent.Create(new JsonObject { ["reason"] = reason }));

    public sealed class HoldsPayment
    {
        [Fact]
        public async Task A_suspended_application_cannot_be_paid_until_staff_resume_it()
        {
            var stack = await LocalStack.SharedAsync();
            var client = stack.Client;
            var edition = LocalStack.NewId("hold");
            await client.PutEditionAsync(Steps.PatientEdition(edition));
            var app = await Steps.ApprovedAndDisbursingAsync(client, edition);
            var id = app["applicationId"]!.GetValue<string>();
            var amount = (await Steps.WaitForTrancheAsync(client, id, 1, "due"))["amount"]!.GetValue<decimal>();

            using (var notSuspended = await PostAsync(client, id, "resume", "Rien à lever."))
            {
                await Problem.AssertAsync(notSuspended, HttpStatusCode.Conflict, "not-suspended");
            }

            using (var finance = await PostAsync(client, id, "suspend", "Contrôle.", await client.FinanceTokenAsync()))
            {
                await Problem.AssertAsync(finance, HttpStatusCode.Forbidden, "forbidden");
            }

            using (var noReason = await PostAsync(client, id, "suspend", null))
            {
                await Problem.AssertInvalidAsync(noReason, "reason");
            }

            using (var suspend = await PostAsync(client, id, "suspend", "Contrôle sur place demandé par l'inspection."))
            {
                Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
            }

            using (var twice = await PostAsync(client, id, "suspend", "Encore."))
            {
                await Problem.AssertAsync(twice, HttpStatusCode.Conflict, "already-suspended");
            }

            using (var refused = await client.ReleaseAsync(id, 1, amount, "hold-" + id))
            {
                var problem = await Problem.AssertAsync(refused, HttpStatusCode.Conflict, "disbursement-suspended");
                Assert.Contains("inspection", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            }

            Assert.Empty(await StoredRows.RowsAsync(stack.Prefix + "DisbursementLedger", id));
            Assert.False(await InDueBatchAsync(client, edition, id));
            var held = await client.ApplicationAsync(id);
            Assert.Equal("Contrôle sur place demandé par l'inspection.", held["suspension"]!["reason"]!.GetValue<string>());
            Assert.Contains(held["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>() == "Disbursement suspended: Contrôle sur place demandé par l'inspection.");

            using (var resume = await PostAsync(client, id, "resume", "Contrôle concluant."))
            {
                Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
            }

            Assert.True(await InDueBatchAsync(client, edition, id));
            using (var release = await client.ReleaseAsync(id, 1, amount, "hold-" + id))
            {
                Assert.Equal(HttpStatusCode.OK, release.StatusCode);
            }

            await Steps.WaitForTrancheAsync(client, id, 2, "due");
        }
    }

    public sealed class Concurrent
    {
        [Fact]
        public async Task Ten_officers_suspending_at_once_hold_it_once_and_ten_resuming_at_once_lift_it_once()
        {
            var stack = await LocalStack.SharedAsync();
            var client = stack.Client;
            var edition = LocalStack.NewId("hold-race");
            await client.PutEditionAsync(Steps.PatientEdition(edition));
            var app = await Steps.ApprovedAndDisbursingAsync(client, edition);
            var id = app["applicationId"]!.GetValue<string>();
            var amount = (await Steps.WaitForTrancheAsync(client, id, 1, "due"))["amount"]!.GetValue<decimal>();
            var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.StaffTokenAsync($"officer-{i}")));

            var suspensions = await Concurrently.SendAsync(10, i => PostAsync(client, id, "suspend", $"Contrôle {i}.", tokens[i]));
            var suspended = Concurrently.OneWins(suspensions, HttpStatusCode.OK, "already-suspended");
            var held = await client.ApplicationAsync(id);
            Assert.Equal($"Contrôle {suspended.Attempt}.", held["suspension"]!["reason"]!.GetValue<string>());
            var line = Assert.Single(held["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().StartsWith("Disbursement suspended: ", StringComparison.Ordinal));
            Assert.Equal($"staff:officer-{suspended.Attempt}", line!["actor"]!.GetValue<string>());

            var resumptions = await Concurrently.SendAsync(10, i => PostAsync(client, id, "resume", $"Levée {i}.", tokens[i]));
            var resumed = Concurrently.OneWins(resumptions, HttpStatusCode.OK, "not-suspended");
            var lifted = await client.ApplicationAsync(id);
            Assert.Null(lifted["suspension"]);
            line = Assert.Single(lifted["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().StartsWith("Disbursement resumed: ", StringComparison.Ordinal));
            Assert.Equal($"Disbursement resumed: Levée {resumed.Attempt}.", line!["reason"]!.GetValue<string>());

            // Lifted once and for good: finance pays the tranche and the plan moves on to the next.
            using (var release = await client.ReleaseAsync(id, 1, amount, "hold-race-" + id))
            {
                Assert.Equal(HttpStatusCode.OK, release.StatusCode);
            }

            await Steps.WaitForTrancheAsync(client, id, 2, "due");
            await Engine.WaitUntilIdleAsync(stack.Host, "application-" + id);
            Assert.Single(await client.OutboxAsync(id), m => m.Template == "tranche-released");
        }
    }

    /// <summary>Whether the finance desk's batch of due tranches holds this application.</summary>
    static async Task<bool> InDueBatchAsync(MouazaraClient client, string edition, string id)
    {
        using var desk = await client.SendAsync(HttpMethod.Get, $"api/tranches?edition={edition}", await client.FinanceTokenAsync());
        var items = JsonNode.Parse(await desk.Content.ReadAsStringAsync())!["items"]!.AsArray();
        return items.Any(t => t!["applicationId"]!.GetValue<string>() == id);
    }

    public sealed class Refusals
    {
        [Fact]
        public async Task Only_an_awarded_application_can_be_suspended()
        {
            var client = (await LocalStack.SharedAsync()).Client;
            var edition = LocalStack.NewId("hold-early");
            await client.PutEditionAsync(Steps.PatientEdition(edition));
            var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes"]));
            await client.WaitForStatusAsync(id, "awaiting-documents");

            using var early = await PostAsync(client, id, "suspend", "Trop tôt.");
            await Problem.AssertAsync(early, HttpStatusCode.Conflict, "not-disbursing");
        }
    }
}
