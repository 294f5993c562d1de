using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mouazara.Applications;
using Mouazara.Intake;
using Mouazara.Kernel;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// Acknowledge first, process in turn: past a burst, accepted deliveries are processed at the configured pace,
/// their start scheduled with the durable engine, and each one still gets its receipt and documents request.
/// </summary>
public sealed class IntakePacingTests
{
    [Fact]
    public void A_burst_starts_at_once_and_what_follows_is_spaced_by_the_rate()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-03T10:00:00Z", CultureInfo.InvariantCulture));
        var pacer = Pacer(clock, perSecond: 4, burst: 3);

        var turns = Enumerable.Range(0, 6).Select(_ => pacer.NextStart()).ToList();

        Assert.Equal([null, null, null], turns.Take(3));
        Assert.Equal([clock.Now.AddSeconds(0.25), clock.Now.AddSeconds(0.5), clock.Now.AddSeconds(0.75)], turns.Skip(3));
    }

    [Fact]
    public void Once_the_backlog_has_drained_a_delivery_starts_at_once_again()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-03T10:00:00Z", CultureInfo.InvariantCulture));
        var pacer = Pacer(clock, perSecond: 2, burst: 2);
        for (var i = 0; i < 10; i++)
        {
            pacer.NextStart();
        }

        clock.Now = clock.Now.AddSeconds(4);
        Assert.NotNull(pacer.NextStart());
        clock.Now = clock.Now.AddSeconds(10);
        Assert.Null(pacer.NextStart());
        Assert.Null(pacer.NextStart());
    }

    [Fact]
    public void A_rate_of_zero_never_delays()
    {
        var pacer = Pacer(new ManualClock(DateTimeOffset.UnixEpoch), perSecond: 0, burst: 1);

        Assert.All(Enumerable.Range(0, 100).Select(_ => pacer.NextStart()), Assert.Null);
    }

    /// <summary>
    /// A host of its own pacing at one start every 10 s after a burst of 2: four submissions sent at once are all
    /// accepted and visible at once; whatever order they arrive in, the last turn is at least 20 s after the first
    /// arrival (two past the burst, 10 s apart), and each applicant is asked for documents no earlier than its turn
    /// (to the second), every one of them in the end. One that staff withdraw while it waits ends when its turn comes:
    /// received, not asked for documents, withdrawn in the name of the staff member who withdrew it.
    /// </summary>
    [Fact]
    public async Task Four_submissions_past_a_burst_of_two_are_accepted_at_once_and_each_is_processed_in_its_turn()
    {
        await using var host = await LocalStack.OwnHostAsync('p', new Dictionary<string, string?>
        {
            ["Intake:StartsPerSecond"] = "0.1",
            ["Intake:StartBurst"] = "2",
        });
        using var client = new MouazaraClient(host.BaseAddress);
        var edition = LocalStack.NewId("paced");
        await client.PutEditionAsync(Steps.PatientEdition(edition));

        var first = DateTimeOffset.UtcNow;
        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            var submission = LocalStack.NewId($"paced{i}");
            using var accepted = await client.SubmitAsync(TestSubmissions.Bytes(TestSubmissions.Build(edition, submission, ["statutes"])));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            return ApplicationIds.For("generic", submission);
        }));

        var instances = new TableClient("UseDevelopmentStorage=true", host.Options.TaskHub + "Instances");
        var turns = new Dictionary<string, DateTimeOffset?>();
        foreach (var id in ids)
        {
            // Visible to staff at once: received while it waits for its turn.
            turns[id] = (await instances.GetEntityAsync<TableEntity>(ApplicationIds.Instance(id), "")).Value.GetDateTimeOffset("ScheduledStartTime");
            var status = (await client.ApplicationAsync(id))["status"]!.GetValue<string>();
            Assert.True(turns[id] is not { } turn || turn - TimeSpan.FromSeconds(1) <= DateTimeOffset.UtcNow || status == "received", $"{id} is {status} before its turn.");
        }

        var last = turns.Values.Max();
        Assert.True(last >= first.AddSeconds(20) - TimeSpan.FromMilliseconds(50), $"The last turn is {last:O}, the first arrival {first:O}.");

        // Staff withdraw an application still waiting for its turn: accepted at once, and its lifecycle, which could not
        // hear the engine's event before it started, ends at its turn from what the row recorded.
        var waiting = turns.Single(t => t.Value == last).Key;
        Assert.Equal(OrchestrationRuntimeStatus.Pending,
            (await host.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(ApplicationIds.Instance(waiting)))!.RuntimeStatus);
        using (var withdraw = await client.SendAsync(HttpMethod.Post, $"api/applications/{waiting}/withdraw", await client.StaffTokenAsync(),
                   JsonContent.Create(new { reason = "Double dépôt." })))
        {
            Assert.Equal(HttpStatusCode.Accepted, withdraw.StatusCode);
        }

        var held = await client.ApplicationAsync(waiting);
        Assert.Equal("received", held["status"]!.GetValue<string>());
        Assert.Equal("Double dépôt.", held["withdrawal"]!["reason"]!.GetValue<string>());

        // A first try that stored its application and failed before starting it (its sender then retries the 503): the
        // retry starts it in its turn, after the four, not at once ahead of them.
        var again = LocalStack.NewId("paced-again");
        var body = TestSubmissions.Build(edition, again, []);
        var (stored, _) = SubmissionValidator.Validate(JsonSerializer.Deserialize<GenericSubmission>(TestSubmissions.Bytes(body), Json.Options)!);
        var againId = await host.Services.GetRequiredService<IntakeService>().CreateApplicationAsync("generic", stored!, CancellationToken.None);
        var retriedAt = DateTimeOffset.UtcNow;
        using (var retried = await client.SubmitAsync(TestSubmissions.Bytes(body)))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        }

        turns[againId] = (await instances.GetEntityAsync<TableEntity>(ApplicationIds.Instance(againId), "")).Value.GetDateTimeOffset("ScheduledStartTime");
        // (On a machine slow enough that the backlog had drained by then, it rightly starts at once.)
        Assert.True(turns[againId] > last || (turns[againId] is null && retriedAt >= last),
            $"The retry sent at {retriedAt:O} starts at {turns[againId]?.ToString("O") ?? "once"}, the last of the four at {last:O}.");
        var withdrawn = await client.WaitForStatusAsync(waiting, "withdrawn");
        Assert.Contains(withdrawn["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "withdrawn"
            && h["actor"]!.GetValue<string>().StartsWith("staff:", StringComparison.Ordinal));
        Assert.Contains("Double dépôt.", (await client.WaitForMailsAsync(waiting, "status-withdrawn")).Single().Text, StringComparison.Ordinal);
        var withdrawnAt = withdrawn["history"]!.AsArray().Where(h => h!["status"]!.GetValue<string>() == "withdrawn")
            .Select(h => DateTimeOffset.Parse(h!["at"]!.GetValue<string>(), CultureInfo.InvariantCulture)).Single();
        Assert.True(withdrawnAt >= last - TimeSpan.FromSeconds(1), $"It ended at {withdrawnAt:O}, before its turn at {last:O}.");
        Assert.DoesNotContain(await client.OutboxAsync(waiting), m => m.Template == "documents-request");

        foreach (var id in ids.Where(id => id != waiting).Append(againId))
        {
            await client.WaitForMailsAsync(id, "status-received");
            var asked = (await client.WaitForMailsAsync(id, "documents-request")).Min(m => m.ReceivedAt);

            // Queue visibility delays are whole seconds: a turn may come up to a second early, never more.
            Assert.True(turns[id] is not { } turn || asked >= turn - TimeSpan.FromSeconds(1), $"{id} was asked at {asked:O}, before its turn at {turns[id]:O}.");
        }
    }

    /// <summary>
    /// A start asked again (a sender retrying after a failed first try, a provider's redelivery) takes a turn only when
    /// it schedules the instance: once the instance exists, a repeat uses up nobody's turn, and the first schedules it.
    /// </summary>
    [Fact]
    public async Task A_repeated_start_takes_a_turn_only_when_it_schedules_the_instance()
    {
        var stack = await LocalStack.SharedAsync();
        var durable = Engine.Client(stack.Host);
        var instanceId = LocalStack.NewId("turn");
        var asked = 0;
        DateTimeOffset? Turn()
        {
            asked++;
            return null;
        }

        // No orchestrator of that name: the engine fails the instance, which still exists and must not be replaced.
        await StartOnce.RunAsync(durable, "NoSuchOrchestrator", instanceId, "input", CancellationToken.None, turn: Turn);
        Assert.Equal(1, asked);
        Assert.NotNull(await durable.GetInstanceAsync(instanceId));

        await StartOnce.RunAsync(durable, "NoSuchOrchestrator", instanceId, "input", CancellationToken.None, turn: Turn);
        await StartOnce.RunAsync(durable, "NoSuchOrchestrator", instanceId, "input", CancellationToken.None, turn: Turn);
        Assert.Equal(1, asked);
    }

    static IntakePacer Pacer(TimeProvider clock, double perSecond, int burst) =>
        new(Options.Create(new IntakeOptions { StartsPerSecond = perSecond, StartBurst = burst }), clock);

    sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
