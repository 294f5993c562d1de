using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Mouazara.Local.Tests.Support;
using Mouazara.Storage;
using Mouazara.Testing;
using Xunit.Abstractions;

namespace Mouazara.Local.Tests.EndToEnd;

/// <summary>
/// Storage breaks under a running host (a proxy between the host and the shared Azurite refuses, hangs or answers 503):
/// every route family answers a clear 503 problem with Retry-After in bounded time and writes nothing, and once storage
/// is back the same requests succeed and applications caught in the middle of their lifecycle complete on their own.
/// </summary>
public sealed class StorageFaultTests(StorageFaultHost fixture, ITestOutputHelper output) : IClassFixture<StorageFaultHost>
{
    MouazaraClient Client => fixture.Host.Client;

    [Fact]
    public async Task Every_route_family_answers_503_with_Retry_After_while_storage_refuses_hangs_or_is_busy_and_keeps_nothing()
    {
        // Ready in pass mode: an application missing documents (upload links), one in evaluation (vote links), three due a tranche.
        var open = "faults-" + Guid.NewGuid().ToString("N")[..8];
        var paying = "faultp-" + Guid.NewGuid().ToString("N")[..8];
        await Client.PutEditionAsync(TestEditions.Fast(open, documentsDeadline: "PT900S", documentsReminder: "PT450S", committeeDeadline: "PT900S", committeeReminder: "PT450S"));
        await Client.PutEditionAsync(TestEditions.Fast(paying, committeeDeadline: "PT900S", committeeReminder: "PT450S", reportForSecondTranche: false));
        var missing = await Client.SubmitAcceptedAsync(TestSubmissions.Build(open, open + "-u", ["statutes", "project-description"]));
        var voting = await Client.SubmitAcceptedAsync(TestSubmissions.Build(open, open + "-v", TestSubmissions.AllAssociationDocuments));
        var payees = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            Client.SubmitAcceptedAsync(TestSubmissions.Build(paying, $"{paying}-{i}", TestSubmissions.AllAssociationDocuments))));
        var uploadLinks = MouazaraClient.Links((await Client.WaitForMailsAsync(missing, "documents-request", 1)).Single(), "uploads");
        var voteLinks = (await Client.WaitForMailsAsync(voting, "review-task", 3)).Select(m => MouazaraClient.Links(m, "reviews").Single()).ToList();
        var statusLink = MouazaraClient.Links((await Client.WaitForMailsAsync(voting, "status-received")).Single(), "status").Single();
        var amounts = new List<decimal>();
        foreach (var id in payees)
        {
            foreach (var task in await Client.WaitForMailsAsync(id, "review-task", 3))
            {
                using var vote = await Client.VoteAsync(MouazaraClient.Links(task, "reviews").Single(), 80, "approve");
            }
        }

        await Client.SelectAsync(paying, payees);
        foreach (var id in payees)
        {
            await Client.WaitForStatusAsync(id, "awaiting-signature");
            await Client.ReturnSignedAgreementAsync(id);
            amounts.Add((await Client.WaitForStatusAsync(id, "disbursing"))["award"]!["tranches"]!.AsArray()[0]!["amount"]!.GetValue<decimal>());
            await WholeLifecycleTests.WaitForDueAsync(Client, id, 1);
        }

        var finance = await Client.FinanceTokenAsync();
        var faults = new[] { StorageFault.Refuse, StorageFault.Unavailable, StorageFault.Hang };
        var ledger = new TableClient("UseDevelopmentStorage=true", fixture.Host.Prefix + TableNames.DisbursementLedger);
        for (var i = 0; i < faults.Length; i++)
        {
            var delivery = TestSubmissions.Bytes(TestSubmissions.Build(open, $"{open}-w{i}", TestSubmissions.AllAssociationDocuments));
            var requests = new (string Family, Func<Task<HttpResponseMessage>> Send)[]
            {
                ("provider webhook", () => Client.SubmitAsync(delivery)),
                ("upload", () => Client.UploadAsync(uploadLinks[i], TestFiles.Pdf(uploadLinks[i].Split('/')[^1]))),
                ("vote", () => Client.VoteAsync(voteLinks[i], 70, "approve")),
                ("release", () => Client.ReleaseAsync(payees[i], 1, amounts[i], $"fault-{i}", bearer: finance)),
                ("status", () => Client.Http.GetAsync(MouazaraClient.PathOf(statusLink))),
            };

            // The 503 is what this test looks at: the client takes it as it comes while storage is broken.
            Client.RetryWhenBusy = false;
            fixture.Proxy.Fault = faults[i];
            await Task.Delay(1000);
            var before = CountRows();
            var answers = await Task.WhenAll(requests.Select(async r =>
            {
                var clock = Stopwatch.StartNew();
                using var answer = await r.Send();
                return (r.Family, answer.StatusCode, RetryAfter: answer.Headers.RetryAfter?.Delta, Type: answer.Content.Headers.ContentType?.MediaType,
                    Problem: JsonNode.Parse(await answer.Content.ReadAsStringAsync())?["type"]?.GetValue<string>(), Seconds: clock.Elapsed.TotalSeconds);
            }));
            var after = CountRows();
            foreach (var a in answers)
            {
                output.WriteLine($"| {a.Family} | {faults[i]} | {(int)a.StatusCode} | {a.RetryAfter?.TotalSeconds} s | {a.Problem} | {a.Seconds:F1} s |");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode);
                Assert.Equal("application/problem+json", a.Type);
                Assert.True(a.RetryAfter > TimeSpan.Zero, a.Family + " has no Retry-After");
                Assert.EndsWith("storage-unavailable", a.Problem, StringComparison.Ordinal);
            }

            // No partial writes: not a row appeared in any of the host's tables while the requests were refused.
            Assert.Equal(before, after);
            Assert.Empty(ledger.Query<TableEntity>(e => e.PartitionKey == payees[i]));

            // Storage back: the same requests succeed, each once, with nobody restarting anything.
            fixture.Proxy.Fault = StorageFault.None;
            Client.RetryWhenBusy = true;
            var recovery = Stopwatch.StartNew();
            await WaitForHealthAsync();
            output.WriteLine($"{faults[i]}: healthy {recovery.Elapsed.TotalSeconds:F1} s after storage came back");
            using (var webhook = await requests[0].Send())
            {
                Assert.Equal(HttpStatusCode.Accepted, webhook.StatusCode);
            }

            using (var upload = await requests[1].Send())
            {
                Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            }

            using (var vote = await requests[2].Send())
            {
                Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
            }

            using (var release = await requests[3].Send())
            {
                Assert.Equal(HttpStatusCode.OK, release.StatusCode);
            }

            using (var status = await requests[4].Send())
            {
                Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            }

            Assert.Single(ledger.Query<TableEntity>(e => e.PartitionKey == payees[i]));
        }
    }

    /// <summary>About four minutes on two cores, so it runs with the long proofs (scripts/crash-proof.sh), not in ./test.sh.</summary>
    [Fact]
    [Trait("Category", "LongProof")]
    public async Task Applications_caught_by_outages_mid_lifecycle_complete_once_storage_is_back_without_intervention()
    {
        var edition = "outage-" + Guid.NewGuid().ToString("N")[..8];
        await Client.PutEditionAsync(TestEditions.Fast(edition, documentsDeadline: "PT900S", documentsReminder: "PT450S",
            committeeDeadline: "PT900S", committeeReminder: "PT450S", reportForSecondTranche: false));
        var driver = new TolerantDriver(Client, edition);
        var ids = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => driver.SubmitAsync(
            TestSubmissions.Build(edition, $"{edition}-{i}", i == 0 ? ["statutes", "project-description"] : TestSubmissions.AllAssociationDocuments),
            TimeSpan.FromMinutes(1))));

        // Outage 1: storage unreachable for 20 s while the deliveries go through intake.
        var outages = new List<string>();
        await OutageAsync(StorageFault.Refuse, TimeSpan.FromSeconds(20), outages);
        await driver.ToShortlistAsync(ids, TimeSpan.FromMinutes(5));
        await driver.SelectAsync(TimeSpan.FromMinutes(3));

        // Outage 2: storage that hangs for 40 s while agreements are sent and the durable engine works.
        await OutageAsync(StorageFault.Hang, TimeSpan.FromSeconds(40), outages);
        var back = Stopwatch.StartNew();
        await driver.ToClosedAsync(ids, TimeSpan.FromMinutes(8));
        output.WriteLine($"Closed {back.Elapsed.TotalSeconds:F0} s after the second outage ended. " + string.Join(" ", outages));

        var ledger = new TableClient("UseDevelopmentStorage=true", fixture.Host.Prefix + TableNames.DisbursementLedger);
        foreach (var id in ids)
        {
            Assert.Equal(["01", "02"], ledger.Query<TableEntity>(e => e.PartitionKey == id).Select(r => r.RowKey).ToList());
            var mails = await Client.OutboxAsync(id);
            Assert.Equal(2, mails.Count(m => m.Template == "tranche-released"));
            Assert.Single(mails, m => m.Template == "status-closed");
        }
    }

    async Task OutageAsync(StorageFault fault, TimeSpan length, List<string> figures)
    {
        fixture.Proxy.Fault = fault;
        await Task.Delay(length);
        fixture.Proxy.Fault = StorageFault.None;
        var clock = Stopwatch.StartNew();
        await WaitForHealthAsync();
        figures.Add($"{fault} {length.TotalSeconds:F0} s: healthy {clock.Elapsed.TotalSeconds:F1} s after.");
    }

    async Task WaitForHealthAsync()
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var health = await Client.Http.GetAsync("api/health");
            if (health.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, "The host never became healthy again.");
            await Task.Delay(250);
        }
    }

    /// <summary>Rows in each of the host's tables, read from Azurite directly (not through the proxy).</summary>
    Dictionary<string, int> CountRows() => TableNames.All.ToDictionary(t => t, t =>
        new TableClient("UseDevelopmentStorage=true", fixture.Host.Prefix + t).Query<TableEntity>(select: ["PartitionKey"]).Count());
}
