using System.Diagnostics;
using System.Net;
using Mouazara.Testing;

namespace Mouazara.Bench;

/// <summary>
/// One side's run of whole lifecycles. <see cref="PerMinute"/> counts completed applications over the time the run
/// took; when some failed, that time is the whole run's, their waiting included, not only the completed ones' span.
/// </summary>
public sealed record LifecycleRun(string Side, int Size, int Completed, int Failed, double Seconds, double PerMinute,
    IReadOnlyDictionary<string, Latency> StageSeconds, IReadOnlyDictionary<string, double> CpuSeconds, IReadOnlyList<string> Failures,
    double OtherCpuShare, double LoadAverage);

/// <summary>
/// Scenario 2: applications driven through every stage by their users, each acting the moment the email that asks
/// for it arrives: four documents uploaded through their links, three votes through the review links, two tranche
/// releases by finance with a progress report in between and a final report after, each accepted by staff. The floor drives <see cref="FloorLifecycle"/> the same way,
/// raising the events straight through the durable client when the floor's activities signal.
/// </summary>
static class LifecycleScenario
{
    public static readonly string[] Stages =
    [
        "submission → documents requested",
        "last upload → review tasks sent",
        "last vote → agreement signed and countersigned → tranche 1 due (less the wait for selection)",
        "tranche 1 released → report requested",
        "report sent and accepted → tranche 2 due",
        "tranche 2 released → final report accepted → closed",
    ];

    /// <summary>What a user does; the product's over HTTP, the floor's through the durable client.</summary>
    public abstract class Actors(Inbox inbox)
    {
        public Inbox Inbox { get; } = inbox;

        public abstract Task<string> SubmitAsync(int index);

        public abstract Task<bool> UploadAsync(string scope, Notice request, int index);

        public abstract Task<bool> VoteAsync(string scope, Notice task);

        public abstract Task<bool> ReleaseAsync(string scope, int tranche);

        public abstract Task<bool> ReportAsync(string scope, Notice request);

        /// <summary>The signed agreement back through its link.</summary>
        public abstract Task<bool> SignAsync(string scope, Notice request);

        /// <summary>Staff countersign it, once told it waits for them.</summary>
        public abstract Task<bool> CountersignAsync(string scope);

        /// <summary>
        /// Waits, once its votes are in, for the edition's selection: the product decides once for every application
        /// (the last one to be shortlisted sets the round off); the floor has no selection.
        /// </summary>
        public virtual Task<bool> SelectedAsync(string scope, int expected, bool failed, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    public sealed class ProductActors(Driver driver, MailSink sink, string runId) : Actors(sink.Inbox)
    {
        static readonly byte[] Document = TestFiles.Pdf("Document");
        readonly Lazy<Task<string>> runEdition = new(async () =>
        {
            var id = ("bench-life-" + runId).ToLowerInvariant();
            await driver.PutEditionAsync(BenchProgram.Edition(id));
            return id;
        });
        readonly TaskCompletionSource<bool> selection = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int arrived;

        /// <summary>The edition's one selection round, set off when every application has been shortlisted or has failed.</summary>
        public override async Task<bool> SelectedAsync(string scope, int expected, bool failed, CancellationToken cancellationToken)
        {
            if (!failed)
            {
                await Inbox.WaitAsync(scope, "status-shortlisted", 1, cancellationToken);
            }

            if (Interlocked.Increment(ref arrived) == expected)
            {
                try
                {
                    selection.TrySetResult(await driver.SelectAsync(await runEdition.Value, cancellationToken));
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
                {
                    selection.TrySetResult(false);
                }
            }

            return !failed && await selection.Task.WaitAsync(cancellationToken);
        }

        public override async Task<string> SubmitAsync(int index)
        {
            var body = TestSubmissions.Bytes(TestSubmissions.Build(await runEdition.Value, $"{runId}-{index}", IntakeScenario.Documents));
            var (status, id) = await driver.SubmitAsync(body);
            return status == HttpStatusCode.Accepted ? id! : throw new InvalidOperationException($"Submission answered {(int)status}.");
        }

        public override async Task<bool> UploadAsync(string scope, Notice request, int index) =>
            await driver.UploadAsync(request.Links.Where(l => l.Contains("/api/uploads/", StringComparison.Ordinal)).ElementAt(index), Document) == HttpStatusCode.Created;

        public override async Task<bool> VoteAsync(string scope, Notice task) =>
            await driver.VoteAsync(task.Links.Single(l => l.Contains("/api/reviews/", StringComparison.Ordinal)), 75) == HttpStatusCode.Created;

        // 45,000 MAD requested, tranches of 60% and 40%.
        public override async Task<bool> ReleaseAsync(string scope, int tranche) =>
            await driver.ReleaseAsync(scope, tranche, tranche == 1 ? 27000m : 18000m) == HttpStatusCode.OK;

        public override async Task<bool> SignAsync(string scope, Notice request) =>
            await driver.UploadAsync(request.Links.Single(l => l.Contains("/api/uploads/", StringComparison.Ordinal)), Document) == HttpStatusCode.Created;

        public override async Task<bool> CountersignAsync(string scope) => await driver.CountersignAsync(scope) == HttpStatusCode.Accepted;

        // The applicant sends the report's figures and file through the form's link; staff accept it at once.
        public override async Task<bool> ReportAsync(string scope, Notice request) =>
            await driver.SubmitReportAsync(request.Links.Single(l => l.Contains("/api/uploads/", StringComparison.Ordinal)), Document) is { } number
            && await driver.DecideReportAsync(scope, number) == HttpStatusCode.OK;
    }

    public sealed class FloorActors(FloorStack floor, string runId) : Actors(floor.Signals.Inbox)
    {
        public override async Task<string> SubmitAsync(int index)
        {
            var id = $"floor-life-{runId}-{index}";
            await floor.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FloorLifecycle), new FloorRef(id),
                new Microsoft.DurableTask.StartOrchestrationOptions(id));
            return id;
        }

        public override Task<bool> UploadAsync(string scope, Notice request, int index) => RaiseAsync(scope, "upload", "upload-" + index);

        public override Task<bool> VoteAsync(string scope, Notice task) => RaiseAsync(scope, "vote", "vote-" + Guid.NewGuid().ToString("N")[..6]);

        public override Task<bool> ReleaseAsync(string scope, int tranche) => RaiseAsync(scope, "release", "tranche-" + tranche);

        public override async Task<bool> ReportAsync(string scope, Notice request) =>
            await RaiseAsync(scope, "report", "report") && await RaiseAsync(scope, "report-decided", "report-decided");

        public override Task<bool> SignAsync(string scope, Notice request) => RaiseAsync(scope, "agreement", "agreement");

        public override Task<bool> CountersignAsync(string scope) => RaiseAsync(scope, "agreement-decided", "agreement-decided");

        async Task<bool> RaiseAsync(string scope, string name, string id)
        {
            await floor.Client.RaiseEventAsync(scope, name, new FloorEvent(id));
            return true;
        }
    }

    public static async Task<LifecycleRun> RunAsync(string side, Actors actors, int size, int concurrency, TimeSpan timeout, CpuMeter cpu)
    {
        using var gate = new SemaphoreSlim(concurrency);
        using var cancel = new CancellationTokenSource(timeout);
        var stages = Stages.Select(_ => new List<double>()).ToArray();
        var failures = new List<string>();
        DateTime first = DateTime.MaxValue, last = DateTime.MinValue;
        var completed = 0;

        async Task<T> Act<T>(Func<Task<T>> action)
        {
            await gate.WaitAsync(cancel.Token);
            try
            {
                return await action();
            }
            finally
            {
                gate.Release();
            }
        }

        async Task<IReadOnlyList<Notice>> Wait(string scope, string kind, int count, Action<string> waiting)
        {
            waiting(kind);
            return await actors.Inbox.WaitAsync(scope, kind, count, cancel.Token);
        }

        async Task One(int index)
        {
            var marks = new DateTime[12];
            var arrivedAtSelection = false;
            var selectionWait = TimeSpan.Zero;
            string? scope = null;
            var waitingFor = "submission";
            void Waiting(string kind) => waitingFor = kind;
            try
            {
                marks[0] = DateTime.UtcNow;
                scope = await Act(() => actors.SubmitAsync(index));
                var request = (await Wait(scope, "documents-request", 1, Waiting))[0];
                marks[1] = DateTime.UtcNow;
                for (var i = 0; i < 4; i++)
                {
                    Check(await Act(() => actors.UploadAsync(scope, request, i)), "upload");
                }

                marks[2] = DateTime.UtcNow;
                var tasks = await Wait(scope, "review-task", 3, Waiting);
                marks[3] = DateTime.UtcNow;
                foreach (var task in tasks)
                {
                    Check(await Act(() => actors.VoteAsync(scope, task)), "vote");
                }

                marks[4] = DateTime.UtcNow;
                waitingFor = "selection";
                var selectionStarted = DateTime.UtcNow;
                arrivedAtSelection = true;
                Check(await actors.SelectedAsync(scope, size, failed: false, cancel.Token), "selection");
                selectionWait = DateTime.UtcNow - selectionStarted;
                var agreement = (await Wait(scope, "agreement-request", 1, Waiting))[0];
                Check(await Act(() => actors.SignAsync(scope, agreement)), "agreement");
                await Wait(scope, "staff-agreement", 1, Waiting);
                Check(await Act(() => actors.CountersignAsync(scope)), "countersigning");
                await Wait(scope, "tranche-1-due", 1, Waiting);
                marks[5] = DateTime.UtcNow;
                Check(await Act(() => actors.ReleaseAsync(scope, 1)), "release 1");
                marks[6] = DateTime.UtcNow;
                var report = (await Wait(scope, "report-request", 1, Waiting))[0];
                marks[7] = DateTime.UtcNow;
                Check(await Act(() => actors.ReportAsync(scope, report)), "report");
                marks[8] = DateTime.UtcNow;
                await Wait(scope, "tranche-2-due", 1, Waiting);
                marks[9] = DateTime.UtcNow;
                Check(await Act(() => actors.ReleaseAsync(scope, 2)), "release 2");
                marks[10] = DateTime.UtcNow;
                var final = (await Wait(scope, "final-report-request", 1, Waiting))[0];
                Check(await Act(() => actors.ReportAsync(scope, final)), "final report");
                await Wait(scope, "status-closed", 1, Waiting);
                marks[11] = DateTime.UtcNow;
                lock (stages)
                {
                    for (var s = 0; s < Stages.Length; s++)
                    {
                        // The wait for the edition's one selection round is not this application's work: left out of its stage.
                        stages[s].Add((marks[(2 * s) + 1] - marks[2 * s] - (s == 2 ? selectionWait : TimeSpan.Zero)).TotalSeconds);
                    }

                    first = marks[0] < first ? marks[0] : first;
                    last = marks[11] > last ? marks[11] : last;
                    completed++;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or HttpRequestException)
            {
                if (!arrivedAtSelection)
                {
                    // A failed application still counts towards the selection's barrier, so the others are not held.
                    _ = actors.SelectedAsync(scope ?? "#" + index, size, failed: true, CancellationToken.None);
                }

                lock (failures)
                {
                    failures.Add($"{scope ?? "#" + index} waiting for {waitingFor} at {DateTime.UtcNow:HH:mm:ss}: {e.Message}");
                }
            }
            finally
            {
                if (scope is not null)
                {
                    actors.Inbox.Forget(scope);
                }
            }
        }

        var load = Machine.LoadAverage1();
        var cpuBefore = cpu.Snapshot();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, size).Select(i => Task.Run(() => One(i))));
        clock.Stop();
        var cpuSpent = CpuMeter.Since(cpuBefore, cpu.Snapshot());
        var seconds = completed == size ? (last - first).TotalSeconds : clock.Elapsed.TotalSeconds;
        return new LifecycleRun(side, size, completed, size - completed, Measures.Round(seconds, 2), Measures.Round(completed / seconds * 60, 2),
            Stages.Select((name, s) => (name, s)).ToDictionary(x => x.name, x => Latency(stages[x.s])), cpuSpent, failures.Take(5).ToList(),
            CpuMeter.OtherShare(cpuSpent, clock.Elapsed.TotalSeconds), load);
    }

    static Latency Latency(List<double> seconds) => Measures.Summarize(seconds, 2);

    static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException(what + " refused");
        }
    }
}
