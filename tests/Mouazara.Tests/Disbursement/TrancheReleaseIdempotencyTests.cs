using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement;

/// <summary>
/// An Idempotency-Key names one request: sent again with the same body it gets the first answer; with another amount,
/// payment reference or value date it is a 422, and the ledger still holds the tranche once.
/// </summary>
public sealed class TrancheReleaseIdempotencyTests
{
    static async Task<HttpResponseMessage> ReleaseAsync(MouazaraClient client, string id, decimal amount, string key, string reference, string valueDate) =>
        await client.SendAsync(HttpMethod.Post, $"api/applications/{id}/tranches/1/release", await client.FinanceTokenAsync(),
            JsonContent.Create(new JsonObject { ["paymentReference"] = reference, ["amount"] = amount, ["valueDate"] = valueDate }),
            new Dictionary<string, string> { ["Idempotency-Key"] = key });

    [Fact]
    public async Task The_same_key_with_another_amount_reference_or_value_date_is_422_and_the_tranche_is_paid_once()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("idem");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var app = await Steps.ApprovedAndDisbursingAsync(client, edition);
        var id = app["applicationId"]!.GetValue<string>();
        var amount = (await Steps.WaitForTrancheAsync(client, id, 1, "due"))["amount"]!.GetValue<decimal>();
        var key = "idem-" + id;
        var today = TestEditions.Today();
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var first = await ReleaseAsync(client, id, amount, key, "TGR-IDEM-1", today);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody);

        using (var same = await ReleaseAsync(client, id, amount, key, " TGR-IDEM-1 ", today))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
            Assert.Equal(firstBody, await same.Content.ReadAsStringAsync());
        }

        foreach (var (changed, other) in new[]
        {
            ("amount", ReleaseAsync(client, id, amount + 0.01m, key, "TGR-IDEM-1", today)),
            ("paymentReference", ReleaseAsync(client, id, amount, key, "TGR-IDEM-2", today)),
            ("valueDate", ReleaseAsync(client, id, amount, key, "TGR-IDEM-1", yesterday)),
        })
        {
            using var response = await other;
            var problem = await Problem.AssertAsync(response, (HttpStatusCode)422, "idempotency-key-reused");
            Assert.Contains(key, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("another request", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var ledger = await StoredRows.RowsAsync(stack.Prefix + "DisbursementLedger", id);
        var row = Assert.Single(ledger);
        Assert.Equal("TGR-IDEM-1", row.GetString("PaymentReference"));
        Assert.Equal(64, row.GetString("RequestFingerprint")!.Length);
        var view = await client.ApplicationAsync(id);
        Assert.Equal("TGR-IDEM-1", view["award"]!["tranches"]![0]!["paymentReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_ledger_row_written_before_fingerprints_replays_on_its_key_alone()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("idem");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var app = await Steps.ApprovedAndDisbursingAsync(client, edition);
        var id = app["applicationId"]!.GetValue<string>();
        var amount = (await Steps.WaitForTrancheAsync(client, id, 1, "due"))["amount"]!.GetValue<decimal>();
        var key = "legacy-" + id;

        using var first = await ReleaseAsync(client, id, amount, key, "TGR-OLD-1", TestEditions.Today());
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody);

        // The row as the release code wrote it before this change: no fingerprint.
        var table = new TableClient("UseDevelopmentStorage=true", stack.Prefix + "DisbursementLedger");
        var row = (await table.GetEntityAsync<TableEntity>(id, "01")).Value;
        row.Remove("RequestFingerprint");
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        using var replay = await ReleaseAsync(client, id, amount, key, "TGR-OLD-2", TestEditions.Today());
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        Assert.Single(await StoredRows.RowsAsync(stack.Prefix + "DisbursementLedger", id));
    }
}
