using System.Net;
using Azure.Data.Tables;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;
using Xunit.Abstractions;

namespace Mouazara.Local.Tests.EndToEnd;

/// <summary>
/// The process dies hard (no shutdown code runs) in the three windows a random kill rarely hits: during intake, in the
/// middle of an email activity (the mail sent, SendGrid's answer not yet seen), and half-way through a release (the
/// ledger row written, the tranche update and the event not yet). Started again on the same storage each time, every
/// application completes, each tranche is in the ledger exactly once and released, and no email is sent more than once
/// more than the crashes that interrupted it. The long random version is <see cref="RandomCrashProof"/>.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    const int Applications = 3;

    [Fact]
    public async Task Hard_kills_during_intake_an_email_and_a_half_done_release_lose_nothing_and_record_each_tranche_once()
    {
        var first = new LocalProcess();
        var (prefix, port) = (first.Prefix, first.Port);
        var edition = "crash-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        try
        {
            // 1. Killed during intake: the deliveries are accepted (202), the applications not yet through intake.
            await first.StartAsync();
            await first.Client.PutEditionAsync(TestEditions.Fast(edition, committeeDeadline: "PT900S", committeeReminder: "PT450S", reportForSecondTranche: false));
            ids.AddRange(await Task.WhenAll(Enumerable.Range(0, Applications).Select(i =>
                first.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, $"{edition}-{i}", TestSubmissions.AllAssociationDocuments)))));
            first.KillHard();
            output.WriteLine("Kill 1: right after the deliveries were accepted.");
        }
        finally
        {
            await first.DisposeAsync();
        }

        // 2. Killed inside an email activity: the sink keeps the first review task, the process dies before SendGrid answers.
        await using (var second = new LocalProcess(prefix, port))
        {
            second.Environment["Faults__CrashAfterMail"] = "review-task";
            try
            {
                await second.StartAsync();
            }
            catch (InvalidOperationException) when (second.Output.Contains("Faults: killing", StringComparison.Ordinal))
            {
                // It reached the crash point before its first health answer: the same crash.
            }

            Assert.NotEqual(0, await second.WaitForExitAsync(TimeSpan.FromMinutes(4)));
            Assert.Contains("Faults: killing the process after keeping a review-task mail", second.Output, StringComparison.Ordinal);
            output.WriteLine("Kill 2: inside a review-task email activity.");
        }

        // 3. Killed half-way through a release: the ledger row written, the tranche not yet marked and no event raised.
        var amounts = new Dictionary<string, decimal>();
        await using (var third = new LocalProcess(prefix, port))
        {
            third.Environment["Faults__CrashAfterLedgerWrite"] = "true";
            await third.StartAsync();
            var client = third.Client;
            foreach (var id in ids)
            {
                // The review task the crash interrupted may have been sent twice: wait for all three members' tasks (three
                // mails may be two members' and a repeat), then one vote per member, through its link.
                var links = (await ReviewTasksOfEveryMemberAsync(client, id)).Select(m => MouazaraClient.Links(m, "reviews").Single()).Distinct();
                foreach (var link in links)
                {
                    using var vote = await client.VoteAsync(link, 80, "approve");
                    Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
                }
            }

            await client.SelectAsync(edition, [.. ids]);
            foreach (var id in ids)
            {
                await client.WaitForStatusAsync(id, "awaiting-signature", TimeSpan.FromMinutes(2));
                await client.ReturnSignedAgreementAsync(id);
                var app = await client.WaitForStatusAsync(id, "disbursing", TimeSpan.FromMinutes(2));
                amounts[id] = app["award"]!["tranches"]!.AsArray()[0]!["amount"]!.GetValue<decimal>();
                await WholeLifecycleTests.WaitForDueAsync(client, id, 1);
            }

            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.ReleaseAsync(ids[0], 1, amounts[ids[0]], $"{ids[0]}-1"));
            Assert.NotEqual(0, await third.WaitForExitAsync(TimeSpan.FromMinutes(1)));
            Assert.Contains("Faults: killing the process after a ledger write", third.Output, StringComparison.Ordinal);
            output.WriteLine("Kill 3: after the ledger write of tranche 1 of " + ids[0]);
        }

        var ledger = new TableClient("UseDevelopmentStorage=true", prefix + "DisbursementLedger");
        var tranchesTable = new TableClient("UseDevelopmentStorage=true", prefix + "Tranches");
        Assert.Equal(["01"], ledger.Query<TableEntity>(e => e.PartitionKey == ids[0]).Select(r => r.RowKey).ToList());
        Assert.Equal("due", tranchesTable.GetEntity<TableEntity>(ids[0], "01").Value.GetString("Status"));

        // Started again without faults: finance's client repeats the release it never got an answer to, a colleague tries it too.
        await using var last = new LocalProcess(prefix, port);
        await last.StartAsync();
        try
        {
            foreach (var id in ids)
            {
                await ReleaseRaceAsync(last.Client, id, 1, amounts[id], afterCrash: id == ids[0]);
            }

            foreach (var id in ids)
            {
                await WholeLifecycleTests.WaitForDueAsync(last.Client, id, 2);
                var app = await last.Client.ApplicationAsync(id);
                await ReleaseRaceAsync(last.Client, id, 2, app["award"]!["tranches"]!.AsArray()[1]!["amount"]!.GetValue<decimal>(), afterCrash: false);
            }

            foreach (var id in ids)
            {
                await last.Client.FinalReportAcceptedAsync(id, TimeSpan.FromMinutes(2));
                await last.Client.WaitForStatusAsync(id, "closed", TimeSpan.FromMinutes(2));
            }
        }
        catch
        {
            output.WriteLine(last.Output);
            throw;
        }

        const int kills = 3;
        foreach (var id in ids)
        {
            Assert.Equal(["01", "02"], ledger.Query<TableEntity>(e => e.PartitionKey == id).Select(r => r.RowKey).ToList());
            var released = tranchesTable.Query<TableEntity>(e => e.PartitionKey == id).ToList();
            Assert.All(released, t => Assert.Equal("released", t.GetString("Status")));
            var mails = await last.Client.OutboxAsync(id);
            Assert.Equal(2, mails.Count(m => m.Template == "tranche-released"));
            Assert.Equal(3, mails.Where(m => m.Template == "review-task").Select(m => m.DedupKey).Distinct().Count());
            // Each email at most once more per crash that could have cut its activity short; the kill inside the review-task
            // activity repeats at most that one send.
            Assert.All(mails.GroupBy(m => m.DedupKey), g => Assert.InRange(g.Count(), 1, 1 + kills));
            Assert.InRange(mails.Count(m => m.Template == "review-task"), 3, 4);
            output.WriteLine($"{id}: {mails.Count} emails, {mails.Count - mails.Select(m => m.DedupKey).Distinct().Count()} duplicates");
        }
    }

    /// <summary>
    /// Three tries of one release with one key and a colleague's with another, at once. Only two outcomes are consistent:
    /// the key's release wins (every try 200, the colleague 409) or the colleague's does (200, every try 409). After a
    /// crash that left the key's ledger row, only the first.
    /// </summary>
    static async Task ReleaseRaceAsync(MouazaraClient client, string id, int number, decimal amount, bool afterCrash)
    {
        var answers = await Task.WhenAll(
            client.ReleaseAsync(id, number, amount, $"{id}-{number}"),
            client.ReleaseAsync(id, number, amount, $"{id}-{number}"),
            client.ReleaseAsync(id, number, amount, $"{id}-{number}"),
            client.ReleaseAsync(id, number, amount, $"{id}-{number}-colleague"));
        var codes = answers.Select(a => a.StatusCode).ToList();
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        var keyWon = codes.Take(3).All(c => c == HttpStatusCode.OK) && codes[3] == HttpStatusCode.Conflict;
        var colleagueWon = codes.Take(3).All(c => c == HttpStatusCode.Conflict) && codes[3] == HttpStatusCode.OK;
        Assert.True(keyWon || (colleagueWon && !afterCrash), $"Tranche {number} of {id}: {string.Join(", ", codes.Select(c => (int)c))}");
    }

    /// <summary>The review-task mails of an application once each of its three committee members has one (a repeat after a crash aside).</summary>
    static async Task<List<OutboxMail>> ReviewTasksOfEveryMemberAsync(MouazaraClient client, string id)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var mails = (await client.OutboxAsync(id)).Where(m => m.Template == "review-task").ToList();
            var members = mails.Select(m => m.To).Distinct(StringComparer.Ordinal).Count();
            if (members >= 3)
            {
                return [.. mails.GroupBy(m => m.To, StringComparer.Ordinal).Select(g => g.First())];
            }

            Assert.True(DateTime.UtcNow < until, $"{id}: review tasks reached {members} of 3 members in 3 minutes.");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
