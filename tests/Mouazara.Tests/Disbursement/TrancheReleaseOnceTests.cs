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
    public async Task Ten_concurrent_releases_of_one_due_tranche_with_different_keys_pay_it_once()
    {
        var (stack, id, amount) = await DueFirstTrancheAsync();
        var client = stack.Client;
        await client.FinanceTokenAsync();

        var answers = await Concurrently.SendAsync(10, i => client.ReleaseAsync(id, 1, amount, $"race-{i}-{id}", reference: $"TGR-RACE-{i}"));

        var winner = Concurrently.OneWins(answers, HttpStatusCode.OK, "tranche-already-released");
        var row = Assert.Single(await LedgerAsync(stack, id));
        Assert.Equal("01", row.RowKey);
        Assert.Equal($"TGR-RACE-{winner.Attempt}", row.GetString("PaymentReference"));
        await AssertPaidOnceAsync(stack, id, $"TGR-RACE-{winner.Attempt}");
    }

    [Fact]
    public async Task Ten_concurrent_releases_of_one_due_tranche_with_the_same_key_all_answer_the_one_release()
    {
        var (stack, id, amount) = await DueFirstTrancheAsync();
        var client = stack.Client;
        await client.FinanceTokenAsync();
        var key = "same-" + id;

        // A finance tool that retries on a timeout, ten times over: one request, sent again and again before any answer.
        var answers = await Concurrently.SendAsync(10, _ => client.ReleaseAsync(id, 1, amount, key, reference: "TGR-SAME-1"));

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, a.ToString()));
        var body = Assert.Single(answers.Select(a => a.Text).Distinct());
        var answer = JsonNode.Parse(body)!;
        Assert.Equal(key, answer["idempotencyKey"]!.GetValue<string>());
        Assert.Equal("TGR-SAME-1", answer["paymentReference"]!.GetValue<string>());
        var row = Assert.Single(await LedgerAsync(stack, id));
        Assert.Equal(key, row.GetString("IdempotencyKey"));
        await AssertPaidOnceAsync(stack, id, "TGR-SAME-1");
    }

    /// <summary>
    /// Once the engine has done all the releases could make it do: the plan moved on once (tranche 1 released, tranche 2
    /// due and waiting for finance), the history says so once, and the applicant was told of one release.
    /// </summary>
    static async Task AssertPaidOnceAsync(LocalStack stack, string id, string reference)
    {
        var client = stack.Client;
        await Steps.WaitForTrancheAsync(client, id, 2, "due");
        await Engine.WaitUntilIdleAsync(stack.Host, ApplicationIds.Instance(id));
        Assert.Single(await client.OutboxAsync(id), m => m.Template == "tranche-released");
        var app = await client.ApplicationAsync(id);
        Assert.Equal("disbursing", app["status"]!.GetValue<string>());
        var tranches = app["award"]!["tranches"]!.AsArray();
        Assert.Equal(["released", "due"], tranches.Select(t => t!["status"]!.GetValue<string>()));
        Assert.Equal(reference, tranches[0]!["paymentReference"]!.GetValue<string>());
        var released = Assert.Single(app["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().StartsWith("Tranche 1 released", StringComparison.Ordinal));
        Assert.Contains(reference, released!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await StoredRows.RowsAsync(stack.Prefix + "DisbursementLedger", id));
    }
}
