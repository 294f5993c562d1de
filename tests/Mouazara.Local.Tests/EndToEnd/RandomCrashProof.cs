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

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    [Fact]
    public async Task Applications_in_flight_through_every_stage_survive_random_hard_kills()
    {
        var applications = Setting("CRASH_PROOF_APPLICATIONS", 6);
        var kills = Setting("CRASH_PROOF_KILLS", 2);
        var seed = Setting("CRASH_PROOF_SEED", Environment.TickCount & 0xFFFF);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        void Say(string line)
        {
            output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] {line}");
            System.Console.WriteLine($"crash-proof [{clock.Elapsed.TotalSeconds,6:F0} s] {line}");
        }

        Say($"{applications} applications, {kills} kills, seed {seed}, load average {LoadAverage()}");
        var host = new LocalProcess();
        // Whatever ends the test (a failed drive, a timeout, the test run itself stopping), the host it runs now is killed.
        using var stop = new CancellationTokenSource();
        EventHandler killOnExit = (_, _) => host.KillHard();
        AppDomain.CurrentDomain.ProcessExit += killOnExit;
        var killedAt = new List<DateTimeOffset>();
        var killers = new List<Task>();
        try
        {
            // On this shared machine another process can take the free port before the host binds it: start on another one.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await host.StartAsync(TimeSpan.FromMinutes(3));
                    break;
                }
                catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
                {
                    await host.DisposeAsync();
                    host = new LocalProcess();
                }
            }

            // Every restart keeps the port (the links in the mails name it) and the tables.
            var prefix = host.Prefix;
            var port = host.Port;
            using var client = new MouazaraClient(host.BaseAddress);
            var edition = "proof-" + Guid.NewGuid().ToString("N")[..8];
            await client.PutEditionAsync(TestEditions.Fast(edition, documentsDeadline: "PT3600S", documentsReminder: "PT1800S",
                committeeDeadline: "PT3600S", committeeReminder: "PT1800S", reportForSecondTranche: false));
            var driver = new TolerantDriver(client, edition);
            // How long an application may take to reach the next stage before it counts as stuck: generous, as this machine is slow.
            var budget = TimeSpan.FromMinutes(10 + applications);

            // Kills: the first half while applications go through intake, documents and votes, the rest from the selection on
            // (each 2–20 s after the previous restart, so they fall early in the selection rather than during releases).
            var firstHalf = (kills + 1) / 2;
            async Task KillAndRestartAsync(string stage)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 + random.NextDouble() * 18), stop.Token);
                host.KillHard();
                await host.DisposeAsync();
                lock (killedAt)
                {
                    killedAt.Add(DateTimeOffset.UtcNow);
                }

                Say($"kill {killedAt.Count} ({stage}), load average {LoadAverage()}");
                // A stopped test starts no new host; one started here is the one the finally below kills.
                stop.Token.ThrowIfCancellationRequested();
                host = new LocalProcess(prefix, port);
                // A restart resumes every orchestration in flight: on this loaded machine it can take minutes.
                await host.StartAsync(TimeSpan.FromMinutes(10));
                Say("host back");
            }

            var submissions = Enumerable.Range(0, applications).Select(i => TestSubmissions.Build(edition, $"{edition}-{i}",
                i % 2 == 0 ? TestSubmissions.AllAssociationDocuments : ["statutes", "project-description"])).ToList();
            var ids = new List<string>();
            Exception? failure = null;
            try
            {
                killers.Add(Task.Run(async () =>
                {
                    for (var k = 0; k < firstHalf; k++)
                    {
                        await KillAndRestartAsync("intake, documents, votes");
                    }
                }));
                ids.AddRange(await Task.WhenAll(submissions.Select(s => driver.SubmitAsync(s, budget))));
                Say("every delivery accepted");
                await driver.ToShortlistAsync(ids, budget);
                await killers[0];
                Say("every application shortlisted");

                killers.Add(Task.Run(async () =>
                {
                    for (var k = firstHalf; k < kills; k++)
                    {
                        await KillAndRestartAsync("selection, signatures, releases");
                    }
                }));
                await driver.SelectAsync(budget);
                await driver.ToClosedAsync(ids, budget);
                await killers[1];
                Say("every application closed");
            }
            catch (Exception e)
            {
                // The figures are still read below: they say what the failure left behind.
                failure = e;
                Say($"drive failed: {e.Message}");
            }

            // The figures, read from storage directly.
            var table = (string name) => new TableClient("UseDevelopmentStorage=true", prefix + name);
            var rows = table("Applications").Query<TableEntity>(e => e.PartitionKey == edition).ToDictionary(e => e.RowKey, e => e.GetString("Status"));
            var expected = submissions.Count;
            var lost = expected - rows.Count;
            var stuck = rows.Values.Count(s => s != "closed");
            var ledger = table("DisbursementLedger");
            var mails = table("DevOutbox").Query<TableEntity>(e => e.PartitionKey == "outbox").ToList();
            var duplicateLedgerRows = 0;
            var tranches = 0;
            var wrongLedgers = new List<string>();
            var releasedMails = new List<string>();
            foreach (var id in rows.Keys)
            {
                var keys = ledger.Query<TableEntity>(e => e.PartitionKey == id).Select(r => r.RowKey).ToList();
                duplicateLedgerRows += keys.Count - keys.Distinct().Count();
                tranches += keys.Distinct().Count();
                if (rows[id] == "closed" && !keys.Order().SequenceEqual(["01", "02"]))
                {
                    wrongLedgers.Add($"{id}: [{string.Join(", ", keys)}]");
                }

                var released = mails.Count(m => m.GetString("Scope") == id && m.GetString("Template") == "tranche-released");
                if (rows[id] == "closed" && released != 2)
                {
                    releasedMails.Add($"{id}: {released}");
                }
            }

            // Every repeat of an email is charged to the last kill before it; a repeat with no kill since the copy before
            // it was not caused by a crash at all.
            var killTimes = killedAt.ToArray();
            var perCrash = new int[killTimes.Length];
            var repeatsWithoutCrash = new List<string>();
            var groups = mails.Where(m => rows.ContainsKey(m.GetString("Scope") ?? ""))
                .GroupBy(m => (Scope: m.GetString("Scope"), Key: m.GetString("DedupKey"))).ToList();
            foreach (var group in groups)
            {
                var at = group.Select(m => m.GetDateTimeOffset("ReceivedAt")!.Value).Order().ToList();
                for (var i = 1; i < at.Count; i++)
                {
                    var crash = Array.FindLastIndex(killTimes, k => k > at[i - 1] && k <= at[i]);
                    if (crash < 0)
                    {
                        repeatsWithoutCrash.Add($"{group.Key.Scope} {group.Key.Key} at {at[i]:O}");
                    }
                    else
                    {
                        perCrash[crash]++;
                    }
                }
            }

            var duplicateMails = groups.Sum(g => g.Count() - 1);
            Say($"figures: seed {seed}, applications {expected}, kills {killTimes.Length} at "
                + $"[{string.Join(", ", killTimes.Select(k => $"{(k - startedAt).TotalSeconds:F0} s"))}], lost {lost}, stuck {stuck}, "
                + $"status regressions seen {driver.Regressions.Count}, duplicate ledger rows {duplicateLedgerRows}, tranches released {tranches}, "
                + $"emails {groups.Count} ({mails.Count(m => rows.ContainsKey(m.GetString("Scope") ?? ""))} sent), duplicate emails {duplicateMails} "
                + $"(per crash [{string.Join(", ", perCrash)}], without a crash {repeatsWithoutCrash.Count}), "
                + $"most copies of one email {groups.Select(g => g.Count()).DefaultIfEmpty(1).Max()}, "
                + $"elapsed {clock.Elapsed.TotalMinutes:F1} min, load average {LoadAverage()}");
            foreach (var line in driver.Regressions.Concat(repeatsWithoutCrash).Concat(wrongLedgers).Concat(releasedMails).Concat(
                rows.Where(r => r.Value != "closed").Select(r => $"{r.Key} stuck at {r.Value}")))
            {
                Say(line);
            }

            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            Assert.Equal(kills, killTimes.Length);
            Assert.Equal(expected, ids.Distinct().Count());
            Assert.Equal(0, lost);
            Assert.Equal(0, stuck);
            Assert.Empty(driver.Regressions);
            Assert.Equal(0, duplicateLedgerRows);
            Assert.Empty(wrongLedgers);
            Assert.Empty(releasedMails);
            // A crash can repeat the sends it interrupted, each once: every repeat has a kill between it and the copy before.
            Assert.Empty(repeatsWithoutCrash);
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }
        finally
        {
            // Stop the killers first, so none starts a host after this one is killed.
            await stop.CancelAsync();
            foreach (var killer in killers)
            {
                try
                {
                    await killer;
                }
                catch (Exception e)
                {
                    Say($"killer ended: {e.GetType().Name}");
                }
            }

            await host.DisposeAsync();
            AppDomain.CurrentDomain.ProcessExit -= killOnExit;
        }
    }
}
