using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement;

/// <summary>
/// Finance releases a tranche only with a finance token, an Idempotency-Key, the exact amount and a tranche that
/// is due; every refusal leaves the ledger untouched and the tranche still releasable.
/// </summary>
public sealed class TrancheReleaseRefusalTests
{
    static JsonObject ReleaseBody(decimal amount, string reference = "TGR-REF-1") =>
        new() { ["paymentReference"] = reference, ["amount"] = amount, ["valueDate"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };

    static decimal AmountOf(JsonObject app, int number) =>
        app["award"]!["tranches"]!.AsArray().Single(t => t!["number"]!.GetValue<int>() == number)!["amount"]!.GetValue<decimal>();

    [Fact]
    public async Task Refused_releases_of_a_due_tranche_change_nothing_and_the_tranche_can_then_be_released()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("rel");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var app = await Steps.ApprovedAndDisbursingAsync(client, edition);
        var id = app["applicationId"]!.GetValue<string>();
        await Steps.WaitForTrancheAsync(client, id, 1, "due");
        var first = AmountOf(app, 1);
        var second = AmountOf(app, 2);
        var path = $"api/applications/{id}/tranches/1/release";
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "refusals-" + id };

        using (var anonymous = await client.SendAsync(HttpMethod.Post, path, null, JsonContent.Create(ReleaseBody(first)), key))
        {
            await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
            Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }

        using (var staff = await client.SendAsync(HttpMethod.Post, path, await client.StaffTokenAsync(), JsonContent.Create(ReleaseBody(first)), key))
        {
            await Problem.AssertAsync(staff, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var notDue = await client.ReleaseAsync(id, 2, second, "refusals-2-" + id))
        {
            await Problem.AssertAsync(notDue, HttpStatusCode.Conflict, "tranche-not-due");
        }

        foreach (var wrong in new[] { first + 0.01m, first - 1, second, 0m })
        {
            using var response = await client.ReleaseAsync(id, 1, wrong, "refusals-" + id);
            await Problem.AssertInvalidAsync(response, "amount");
        }

        using (var noKey = await client.SendAsync(HttpMethod.Post, path, await client.FinanceTokenAsync(), JsonContent.Create(ReleaseBody(first))))
        {
            await Problem.AssertAsync(noKey, HttpStatusCode.BadRequest, "malformed-request");
        }

        Assert.Empty(await StoredRows.RowsAsync(stack.Prefix + "DisbursementLedger", id));
        var after = await client.ApplicationAsync(id);
        Assert.Equal("disbursing", after["status"]!.GetValue<string>());
        Assert.Equal(["due", "pending"], after["award"]!["tranches"]!.AsArray().OrderBy(t => t!["number"]!.GetValue<int>()).Select(t => t!["status"]!.GetValue<string>()));

        using var release = await client.ReleaseAsync(id, 1, first, "refusals-" + id);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
    }

    [Fact]
    public async Task Releasing_a_tranche_before_the_application_has_an_award_is_409_not_due()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("rel");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        await client.WaitForStatusAsync(id, "in-evaluation");

        using var response = await client.ReleaseAsync(id, 1, 27000m, "early-" + id);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "tranche-not-due");
        Assert.Empty(await StoredRows.RowsAsync(stack.Prefix + "DisbursementLedger", id));
    }
}
