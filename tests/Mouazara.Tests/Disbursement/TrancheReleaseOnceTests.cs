using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Applications;
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

        // The retry comes once the release has been taken into account and the plan has moved on to tranche 2.
        await Steps.WaitForTrancheAsync(client, id, 2, "due");
        using var replay = await client.ReleaseAsync(id, 1, amount, key, reference: "TGR-2026-000111");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());

        using var other = await client.ReleaseAsync(id, 1, amount, "another-" + id, reference: "TGR-2026-000222");
        await Problem.AssertAsync(other, HttpStatusCode.Conflict, "tranche-already-released");

        var row = Assert.Single(await LedgerAsync(stack, id));
        Assert.Equal("01", row.RowKey);
        Assert.Equal("TGR-2026-000111", row.GetString("PaymentReference"));

        // Once the engine has taken the replay's event and done all it could make it do: tranche 1 is released once,
        // tranche 2 still waits for finance, and the applicant was told of one release.
        await Engine.WaitForEventsAsync(stack.Host, ApplicationIds.Instance(id), "TrancheReleased", 2);
        await Engine.WaitUntilIdleAsync(stack.Host, ApplicationIds.Instance(id));
        var app = await client.ApplicationAsync(id);
        Assert.Equal("disbursing", app["status"]!.GetValue<string>());
        var tranches = app["award"]!["tranches"]!.AsArray();
        Assert.Equal(["released", "due"], tranches.Select(t => t!["status"]!.GetValue<string>()));
        Assert.Equal("TGR-2026-000111", tranches[0]!["paymentReference"]!.GetValue<string>());
        Assert.Single(await client.OutboxAsync(id), m => m.Template == "tranche-released");

        // And the plan still works: releasing tranche 2, then the accepted final report, closes the application.
        using var second = await client.ReleaseAsync(id, 2, tranches[1]!["amount"]!.GetValue<decimal>(), "release-2-" + id, reference: "TGR-2026-000333");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await client.FinalReportAcceptedAsync(id);
        await client.WaitForStatusAsync(id, "closed");
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

        // The plan moves on exactly once: tranche 2 falls due, and once the engine has nothing left to do the
        // applicant has been told of one release and tranche 2 still waits for finance.
        await Steps.WaitForTrancheAsync(client, id, 2, "due");
        await Engine.WaitUntilIdleAsync(stack.Host, ApplicationIds.Instance(id));
        Assert.Single(await client.OutboxAsync(id), m => m.Template == "tranche-released");
        var app = await client.ApplicationAsync(id);
        Assert.Equal("disbursing", app["status"]!.GetValue<string>());
        Assert.Equal(["released", "due"], app["award"]!["tranches"]!.AsArray().Select(t => t!["status"]!.GetValue<string>()));
    }
}
