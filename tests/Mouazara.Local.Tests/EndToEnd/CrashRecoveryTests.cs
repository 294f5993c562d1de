using System.Net;
using Azure.Data.Tables;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;
using Xunit.Abstractions;

namespace Mouazara.Local.Tests.EndToEnd;

/// <summary>
/// The process dies hard (no shutdown code runs) while applications wait for committee votes. Started again on
/// the same storage, every application completes and every tranche is recorded exactly once.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    const int Applications = 4;

    [Fact]
    public async Task Applications_waiting_for_votes_survive_a_hard_kill_and_each_tranche_is_recorded_once()
    {
        var first = new LocalProcess();
        await first.StartAsync();
        var edition = "crash-" + Guid.NewGuid().ToString("N")[..8];
        await first.Client.PutEditionAsync(TestEditions.Fast(edition, committeeDeadline: "PT600S", committeeReminder: "PT300S", reportForSecondTranche: false));

        var ids = new List<string>();
        for (var i = 0; i < Applications; i++)
        {
            ids.Add(await first.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, $"{edition}-{i}", TestSubmissions.AllAssociationDocuments)));
        }

        // Every application waits for its committee; one member of each has voted.
        var tasks = new Dictionary<string, List<OutboxMail>>();
        foreach (var id in ids)
        {
            tasks[id] = await first.Client.WaitForMailsAsync(id, "review-task", 3);
            using var vote = await first.Client.VoteAsync(MouazaraClient.Links(tasks[id][0], "reviews").Single(), 80, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        first.KillHard();
        output.WriteLine("Killed the host while " + Applications + " applications waited for votes.");

        // Same storage, same task hub, same port: the emailed links still work.
        await using var second = new LocalProcess(first.Prefix, first.Port);
        await second.StartAsync();
        foreach (var id in ids)
        {
            Assert.Equal("in-evaluation", (await second.Client.ApplicationAsync(id))["status"]!.GetValue<string>());
            foreach (var task in tasks[id].Skip(1))
            {
                using var vote = await second.Client.VoteAsync(MouazaraClient.Links(task, "reviews").Single(), 80, "approve");
                Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
            }
        }

        output.WriteLine("Votes sent after the restart.");
        await second.Client.SelectAsync(edition, [.. ids]);
        foreach (var id in ids)
        {
            System.Text.Json.Nodes.JsonObject app;
            try
            {
                await second.Client.WaitForStatusAsync(id, "awaiting-signature", TimeSpan.FromSeconds(120));
                await second.Client.ReturnSignedAgreementAsync(id);
                app = await second.Client.WaitForStatusAsync(id, "disbursing", TimeSpan.FromSeconds(120));
            }
            catch
            {
                output.WriteLine(second.Output);
                throw;
            }

            foreach (var tranche in app["award"]!["tranches"]!.AsArray())
            {
                var number = tranche!["number"]!.GetValue<int>();
                await WholeLifecycleTests.WaitForDueAsync(second.Client, id, number);
                var amount = tranche["amount"]!.GetValue<decimal>();

                // Finance's client retries the same release three times and a colleague tries it once more.
                var answers = await Task.WhenAll(
                    second.Client.ReleaseAsync(id, number, amount, $"{id}-{number}"),
                    second.Client.ReleaseAsync(id, number, amount, $"{id}-{number}"),
                    second.Client.ReleaseAsync(id, number, amount, $"{id}-{number}"),
                    second.Client.ReleaseAsync(id, number, amount, $"{id}-{number}-colleague"));
                Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 1, 3);
                Assert.True(answers.All(a => a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict));
                foreach (var answer in answers)
                {
                    answer.Dispose();
                }
            }
        }

        foreach (var id in ids)
        {
            // The final report, sent and accepted, closes each application.
            await second.Client.FinalReportAcceptedAsync(id, TimeSpan.FromSeconds(120));
            await second.Client.WaitForStatusAsync(id, "closed", TimeSpan.FromSeconds(120));
        }

        var ledger = new TableClient("UseDevelopmentStorage=true", second.Prefix + "DisbursementLedger");
        foreach (var id in ids)
        {
            var rows = ledger.Query<TableEntity>(e => e.PartitionKey == id).ToList();
            Assert.Equal(["01", "02"], rows.Select(r => r.RowKey));
            var mails = await second.Client.OutboxAsync(id);
            Assert.Equal(2, mails.Count(m => m.Template == "tranche-released"));
            Assert.Single(mails, m => m.Template == "status-received");
            Assert.Equal(3, mails.Count(m => m.Template == "review-task"));
        }
    }
}
