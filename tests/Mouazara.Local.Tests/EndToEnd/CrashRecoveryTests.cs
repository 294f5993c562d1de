using System.Net;
using Azure.Data.Tables;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;
using Xunit.Abstractions;

namespace Mouazara.Local.Tests.EndToEnd;

/// <summary>
/// The process dies hard (no shutdown code runs) in the three windows a random kill rarely hits: during intake, in the
/// middle of an email activity (the mail sent, SendGrid's answer not yet seen), and half-way through a release (the
/// ledger row written, the tranche update and the event not yet). Started again on the same storage, every application
/// completes, each tranche is in the ledger exactly once and released, and no email is sent more than once more than
/// the crash that interrupted it. One window per test class so that xunit runs the three side by side (their waits for
/// a dead host's leases and messages overlap); the long random version is <see cref="RandomCrashProof"/>.
/// </summary>
public static class CrashRecoveryTests
{
    /// <summary>Killed right after the deliveries were accepted (202), the applications not yet through intake.</summary>
    public sealed class DuringIntake(ITestOutputHelper output)
    {
        [Fact]
        public async Task A_hard_kill_right_after_deliveries_are_accepted_loses_no_application_and_pays_each_tranche_once()
        {
            var first = new LocalProcess();
            var edition = NewEditionId();
            List<string> ids;
            try
            {
                await first.StartAsync();
                await first.Client.PutEditionAsync(Edition(edition));
                ids = [.. await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
                    first.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, $"{edition}-{i}", TestSubmissions.AllAssociationDocuments))))];
                first.KillHard();
                output.WriteLine("Killed right after the deliveries were accepted.");
            }
            finally
            {
                await first.DisposeAsync();
            }

            await using var last = new LocalProcess(first.Prefix, first.Port);
            await last.StartAsync();
            await CompleteAsync(last, edition, ids, crashedRelease: null, output);
            await AssertEachTrancheOnceAsync(last, ids, output);
        }
    }

    /// <summary>Killed inside an email activity: the sink keeps the first review task, the process dies before SendGrid answers.</summary>
    public sealed class InsideAnEmail(ITestOutputHelper output)
    {
        [Fact]
        public async Task A_hard_kill_inside_a_review_task_email_sends_it_at_most_once_more_and_the_application_completes()
        {
            var edition = NewEditionId();
            await using var first = new LocalProcess();
            first.Environment["Faults__CrashAfterMail"] = "review-task";
            await first.StartAsync();
            await first.Client.PutEditionAsync(Edition(edition));
            var id = await first.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, edition + "-0", TestSubmissions.AllAssociationDocuments));
            Assert.NotEqual(0, await first.WaitForExitAsync(TimeSpan.FromMinutes(4)));
            Assert.Contains("Faults: killing the process after keeping a review-task mail", first.Output, StringComparison.Ordinal);
            output.WriteLine("Killed inside a review-task email activity.");
            await using var last = new LocalProcess(first.Prefix, first.Port);
            await last.StartAsync();
            await CompleteAsync(last, edition, [id], crashedRelease: null, output);
            // A send cut short may go out twice (SendGrid takes no idempotency key). The three members' tasks are sent side
            // by side, so more than one can be in flight at the kill: each once more at most, which the check below holds.
            await AssertEachTrancheOnceAsync(last, [id], output);
        }
    }

    /// <summary>Killed half-way through a release: the ledger row written, the tranche not yet marked and no event raised.</summary>
    public sealed class BetweenLedgerWriteAndEvent(ITestOutputHelper output)
    {
        [Fact]
        public async Task A_hard_kill_after_the_ledger_write_is_finished_by_finance_repeating_the_release_and_pays_it_once()
        {
            var edition = NewEditionId();
            await using var first = new LocalProcess();
            first.Environment["Faults__CrashAfterLedgerWrite"] = "true";
            await first.StartAsync();
            var client = first.Client;
            await client.PutEditionAsync(Edition(edition));
            var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, edition + "-0", TestSubmissions.AllAssociationDocuments));
            var amount = (await DriveToFirstTrancheDueAsync(client, edition, [id]))[id];
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.ReleaseAsync(id, 1, amount, $"{id}-1"));
            Assert.NotEqual(0, await first.WaitForExitAsync(TimeSpan.FromMinutes(1)));
            Assert.Contains("Faults: killing the process after a ledger write", first.Output, StringComparison.Ordinal);
            output.WriteLine("Killed after the ledger write of tranche 1 of " + id);

            var (ledger, tranches) = Tables(first.Prefix);
            Assert.Equal(["01"], ledger.Query<TableEntity>(e => e.PartitionKey == id).Select(r => r.RowKey).ToList());
            Assert.Equal("due", tranches.GetEntity<TableEntity>(id, "01").Value.GetString("Status"));

            await using var last = new LocalProcess(first.Prefix, first.Port);
            await last.StartAsync();

            // Finance's client repeats the release it never got an answer to, a colleague tries it too.
            await CompleteAsync(last, edition, [id], crashedRelease: id, output);
            await AssertEachTrancheOnceAsync(last, [id], output);
        }
    }

    static string NewEditionId() => "crash-" + Guid.NewGuid().ToString("N")[..8];

    static System.Text.Json.Nodes.JsonObject Edition(string id) =>
        TestEditions.Fast(id, committeeDeadline: "PT900S", committeeReminder: "PT450S", reportForSecondTranche: false);

    static (TableClient Ledger, TableClient Tranches) Tables(string prefix) =>
        (new TableClient("UseDevelopmentStorage=true", prefix + "DisbursementLedger"), new TableClient("UseDevelopmentStorage=true", prefix + "Tranches"));

    /// <summary>Votes through every member's link, selection, signed agreements; returns the first tranche's amount per application once it is due.</summary>
    static async Task<Dictionary<string, decimal>> DriveToFirstTrancheDueAsync(MouazaraClient client, string edition, IReadOnlyList<string> ids)
    {
        foreach (var id in ids)
        {
            // After a crash inside an email, three review-task mails may be two members' and a repeat: wait for every
            // member's task, then one vote per member through its link.
            var links = (await ReviewTasksOfEveryMemberAsync(client, id)).Select(m => MouazaraClient.Links(m, "reviews").Single()).Distinct();
            foreach (var link in links)
            {
                using var vote = await client.VoteAsync(link, 80, "approve");
                Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
            }
        }

        await client.SelectAsync(edition, [.. ids]);
        var amounts = new Dictionary<string, decimal>();
        foreach (var id in ids)
        {
            await client.WaitForStatusAsync(id, "awaiting-signature");
            await client.ReturnSignedAgreementAsync(id);
            var app = await client.WaitForStatusAsync(id, "disbursing");
            amounts[id] = app["award"]!["tranches"]!.AsArray()[0]!["amount"]!.GetValue<decimal>();
            await WholeLifecycleTests.WaitForDueAsync(client, id, 1);
        }

        return amounts;
    }

    /// <summary>From wherever the crash left the applications to closed: both tranches released through a race, the final report accepted.</summary>
    static async Task CompleteAsync(LocalProcess host, string edition, IReadOnlyList<string> ids, string? crashedRelease, ITestOutputHelper output)
    {
        var client = host.Client;
        try
        {
            Dictionary<string, decimal> amounts;
            if (crashedRelease is null)
            {
                amounts = await DriveToFirstTrancheDueAsync(client, edition, ids);
            }
            else
            {
                amounts = [];
                foreach (var id in ids)
                {
                    amounts[id] = (await client.ApplicationAsync(id))["award"]!["tranches"]!.AsArray()[0]!["amount"]!.GetValue<decimal>();
                }
            }

            foreach (var id in ids)
            {
                await ReleaseRaceAsync(client, id, 1, amounts[id], afterCrash: id == crashedRelease);
                await WholeLifecycleTests.WaitForDueAsync(client, id, 2);
                var app = await client.ApplicationAsync(id);
                await ReleaseRaceAsync(client, id, 2, app["award"]!["tranches"]!.AsArray()[1]!["amount"]!.GetValue<decimal>(), afterCrash: false);
            }

            foreach (var id in ids)
            {
                await client.FinalReportAcceptedAsync(id);
                await client.WaitForStatusAsync(id, "closed");
            }
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
    }

    /// <summary>
    /// Each application has ledger rows 01 and 02 exactly, every tranche released, two release mails, three distinct
    /// review tasks, and no email more than once more than the one crash.
    /// </summary>
    static async Task AssertEachTrancheOnceAsync(LocalProcess host, IReadOnlyList<string> ids, ITestOutputHelper output)
    {
        const int kills = 1;
        var (ledger, tranches) = Tables(host.Prefix);
        foreach (var id in ids)
        {
            Assert.Equal(["01", "02"], ledger.Query<TableEntity>(e => e.PartitionKey == id).Select(r => r.RowKey).ToList());
            Assert.All(tranches.Query<TableEntity>(e => e.PartitionKey == id).ToList(), t => Assert.Equal("released", t.GetString("Status")));
            var mails = (await host.Client.OutboxAsync(id)).ToList();
            Assert.Equal(2, mails.Count(m => m.Template == "tranche-released"));
            Assert.Equal(3, mails.Where(m => m.Template == "review-task").Select(m => m.DedupKey).Distinct().Count());
            Assert.All(mails.GroupBy(m => m.DedupKey), g => Assert.InRange(g.Count(), 1, 1 + kills));
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
