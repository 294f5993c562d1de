using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Kernel;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement;

/// <summary>A tranche is paid once: replays of the same release get the same answer, anything else a conflict, races included.</summary>
public sealed class TrancheReleaseOnceTests
{
    static async Task<(LocalStack Stack, string Id, decimal Amount)> DueFirstTrancheAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("once");
        await stack.Client.PutEditionAsync(Steps.PatientEdition(edition));
        var app = await Steps.ApprovedAndDisbursingAsync(stack.Client, edition);
        var id = app["applicationId"]!.GetValue<string>();
        var tranche = await Steps.WaitForTrancheAsync(stack.Client, id, 1, "due");
        return (stack, id, tranche["amount"]!.GetValue<decimal>());
    }

    static async Task<List<Azure.Data.Tables.TableEntity>> LedgerAsync(LocalStack stack, string id) =>
        await StoredRows.RowsAsync(stack.Prefix + "DisbursementLedger", id);

    [Fact]
    public async Task Replaying_a_release_with_its_key_answers_the_identical_body_and_another_key_is_409_already_released()
    {
        var (stack, id, amount) = await DueFirstTrancheAsync();
        var client = stack.Client;
        var key = "release-" + id;

        using var first = await client.ReleaseAsync(id, 1, amount, key, reference: "TGR-2026-000111");
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody);
        var answer = JsonNode.Parse(firstBody)!;
        Assert.Equal(amount, answer["amount"]!.GetValue<decimal>());
        Assert.Equal("TGR-2026-000111", answer["paymentReference"]!.GetValue<string>());

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var replay = await client.ReleaseAsync(id, 1, amount, key, reference: "TGR-2026-000111");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());

        using var other = await client.ReleaseAsync(id, 1, amount, "another-" + id, reference: "TGR-2026-000222");
        await Problem.AssertAsync(other, HttpStatusCode.Conflict, "tranche-already-released");

        var row = Assert.Single(await LedgerAsync(stack, id));
        Assert.Equal("01", row.RowKey);
        Assert.Equal("TGR-2026-000111", row.GetString("PaymentReference"));
        var released = await Steps.WaitForTrancheAsync(client, id, 1, "released");
        Assert.Equal("TGR-2026-000111", released["paymentReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task Eight_concurrent_releases_of_one_due_tranche_pay_it_once()
    {
        var (stack, id, amount) = await DueFirstTrancheAsync();
        var client = stack.Client;
        await client.FinanceTokenAsync();

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(1, 8).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await client.ReleaseAsync(id, 1, amount, $"race-{i}-{id}", reference: $"TGR-RACE-{i}");
            return (response.StatusCode, Type: JsonNode.Parse(await response.Content.ReadAsStringAsync())?["type"]?.GetValue<string>(),
                response.Content.Headers.ContentType?.MediaType);
        }).ToList();
        start.Release(8);
        var answers = await Task.WhenAll(attempts);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(7, refused.Count);
        Assert.All(refused, a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
            Assert.Equal("application/problem+json", a.MediaType);
            Assert.Equal("urn:mouazara:problem:tranche-already-released", a.Type);
        });

        var ledger = await LedgerAsync(stack, id);
        Assert.Single(ledger, r => r.RowKey == "01");
        Assert.Single(ledger);

        // The plan moves on exactly once: tranche 2 falls due and the applicant is told of one release.
        await Steps.WaitForTrancheAsync(client, id, 2, "due");
        await client.WaitForMailsAsync(id, "tranche-released");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await client.OutboxAsync(id), m => m.Template == "tranche-released");
    }
}
