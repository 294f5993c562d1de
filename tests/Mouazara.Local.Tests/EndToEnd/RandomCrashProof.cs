using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;
using Xunit.Abstractions;

namespace Mouazara.Local.Tests.EndToEnd;

/// <summary>
/// The long crash proof (issue 12), run by <c>scripts/crash-proof.sh</c> and kept out of the default run by its trait:
/// the host is killed with SIGKILL at random moments while applications are in flight through every stage (intake,
/// documents, votes, selection, signatures, releases arriving concurrently), then started again on the same storage.
/// Figures: applications lost, stuck, duplicate ledger rows, duplicate emails per crash (docs/reliability.md).
/// </summary>
[Trait("Category", "LongProof")]
public sealed class RandomCrashProof(ITestOutputHelper output)
{
    static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [Fact]
    public async Task Applications_in_flight_through_every_stage_survive_random_hard_kills()
    {
        var applications = Setting("CRASH_PROOF_APPLICATIONS", 6);
        var kills = Setting("CRASH_PROOF_KILLS", 2);
        var seed = Setting("CRASH_PROOF_SEED", Environment.TickCount & 0xFFFF);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        void Say(string line)
        {
            output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] {line}");
            System.Console.WriteLine($"crash-proof [{clock.Elapsed.TotalSeconds,6:F0} s] {line}");
        }

        Say($"{applications} applications, {kills} kills, seed {seed}");
        var host = new LocalProcess();
        var prefix = host.Prefix;
        var port = host.Port;
        try
        {
            await host.StartAsync(TimeSpan.FromMinutes(3));
            using var client = new MouazaraClient(host.BaseAddress);
            var edition = "proof-" + Guid.NewGuid().ToString("N")[..8];
            await client.PutEditionAsync(TestEditions.Fast(edition, documentsDeadline: "PT3600S", documentsReminder: "PT1800S",
                committeeDeadline: "PT3600S", committeeReminder: "PT1800S", reportForSecondTranche: false));
            var driver = new TolerantDriver(client, edition);
            var budget = TimeSpan.FromMinutes(10 + applications / 2);

            // Kills: the first half while applications go through intake, documents and votes, the rest once releases start.
            var firstHalf = (kills + 1) / 2;
            var restarts = 0;
            async Task KillAndRestartAsync(string stage)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 + random.NextDouble() * 18));
                host.KillHard();
                await host.DisposeAsync();
                Say($"kill {++restarts} ({stage})");
                host = new LocalProcess(prefix, port);
                await host.StartAsync(TimeSpan.FromMinutes(3));
                Say("host back");
            }

            var submissions = Enumerable.Range(0, applications).Select(i => TestSubmissions.Build(edition, $"{edition}-{i}",
                i % 2 == 0 ? TestSubmissions.AllAssociationDocuments : ["statutes", "project-description"])).ToList();
            var ids = new List<string>();
            var killerA = Task.Run(async () =>
            {
                for (var k = 0; k < firstHalf; k++)
                {
                    await KillAndRestartAsync("intake, documents, votes");
                }
            });
            ids.AddRange(await Task.WhenAll(submissions.Select(s => driver.SubmitAsync(s, budget))));
            Say("every delivery accepted");
            await driver.ToShortlistAsync(ids, budget);
            await killerA;
            Say("every application shortlisted");

            var killerB = Task.Run(async () =>
            {
                for (var k = firstHalf; k < kills; k++)
                {
                    await KillAndRestartAsync("selection, signatures, releases");
                }
            });
            await driver.SelectAsync(budget);
            await driver.ToClosedAsync(ids, budget);
            await killerB;
            Say("every application closed");

            // The figures, read from storage directly.
            // Every id reached closed above, so none was lost or stuck; a lost or stuck one fails the drive with its status.
            const int lost = 0;
            var ledger = new TableClient("UseDevelopmentStorage=true", prefix + "DisbursementLedger");
            var outbox = new TableClient("UseDevelopmentStorage=true", prefix + "DevOutbox");
            var mails = outbox.Query<TableEntity>(e => e.PartitionKey == "outbox").ToList();
            var duplicateLedgerRows = 0;
            foreach (var id in ids)
            {
                var rows = ledger.Query<TableEntity>(e => e.PartitionKey == id).Select(r => r.RowKey).ToList();
                duplicateLedgerRows += rows.Count - rows.Distinct().Count();
                Assert.Equal(["01", "02"], rows);
                var released = mails.Count(m => m.GetString("Scope") == id && m.GetString("Template") == "tranche-released");
                Assert.Equal(2, released);
            }

            var copies = mails.Where(m => ids.Contains(m.GetString("Scope")))
                .GroupBy(m => (m.GetString("Scope"), m.GetString("DedupKey"))).Select(g => g.Count()).ToList();
            var duplicateMails = copies.Sum(c => c - 1);
            Say($"figures: kills {restarts}, applications {ids.Count}, lost {lost}, stuck 0, duplicate ledger rows {duplicateLedgerRows}, "
                + $"emails {copies.Count}, duplicate emails {duplicateMails} ({(restarts == 0 ? 0 : (double)duplicateMails / restarts):F2} per crash), "
                + $"most copies of one email {copies.DefaultIfEmpty(1).Max()}, elapsed {clock.Elapsed.TotalMinutes:F1} min, seed {seed}");
            Assert.Equal(kills, restarts);
            Assert.Equal(applications, ids.Distinct().Count());
            // A crash can repeat the sends it interrupted, each once: no email has more copies than one plus the crashes.
            Assert.InRange(copies.DefaultIfEmpty(1).Max(), 1, 1 + restarts);
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
