using Microsoft.DurableTask.Client;
using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;

namespace Mouazara.Bench;

/// <summary>
/// One burst of one side. <see cref="OtherCpuShare"/> is the share of the machine other work took meanwhile (see
/// <see cref="CpuMeter.OtherShare"/>); <see cref="LoadAverage"/> the 1-minute load average when it started.
/// </summary>
public sealed record BurstRun(string Side, int Size, int Concurrency, int Accepted, int Failed, double Seconds, double PerSecond, Latency LatencyMs,
    double RequestsPerSubmission, IReadOnlyDictionary<string, double> RequestsPerSubmissionByOrigin, IReadOnlyDictionary<string, double> CpuSeconds,
    double OtherCpuShare, double LoadAverage);

/// <summary>
/// Scenario 1: a burst of generic-webhook submissions, each with two PDFs, at a fixed concurrency; and its floor,
/// the same blobs uploaded, one table row inserted and one bare orchestration scheduled per submission with the
/// SDKs and the same durable engine.
/// </summary>
static class IntakeScenario
{
    public static readonly string[] Documents = ["statutes", "project-description"];

    public static async Task<BurstRun> ProductAsync(Driver driver, MailSink sink, SubmissionTemplate template, string runId, int size, int concurrency, CpuMeter cpu)
    {
        var mailsBefore = sink.Inbox.Count("documents-request");
        var before = await driver.StorageRequestsAsync();
        var (latencies, accepted, seconds, cpuSpent, load) = await BurstAsync(size, concurrency, cpu, async i =>
        {
            try
            {
                var (status, _) = await driver.SubmitAsync(template.Build($"{runId}-{size}-{i}"));
                return status == HttpStatusCode.Accepted;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        });

        // The requests a submission costs include its orchestration's first steps: wait until each has asked for its
        // documents. If some never do, their requests would be missing from the count: the run fails rather than
        // report too few requests per submission.
        var ok = accepted.Count(a => a);
        var wait = TimeSpan.FromSeconds(Math.Max(60, size));
        if (!await sink.Inbox.WaitForTotalAsync("documents-request", mailsBefore + ok, wait))
        {
            throw new BenchFailedException($"intake product {size}: {sink.Inbox.Count("documents-request") - mailsBefore} of {ok} accepted submissions " +
                $"asked for their documents within {wait.TotalSeconds} s; their storage requests would be undercounted.");
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var spent = Measures.Difference(before, await driver.StorageRequestsAsync());
        return Result("product", size, concurrency, ok, seconds, latencies.Where((_, i) => accepted[i]).ToList(), spent, cpuSpent, load);
    }

    public static async Task<BurstRun> FloorAsync(FloorStack floor, byte[] file, string edition, string runId, int size, int concurrency, CpuMeter cpu)
    {
        var before = FloorStack.Requests();
        var (latencies, accepted, seconds, cpuSpent, load) = await BurstAsync(size, concurrency, cpu, async i =>
        {
            var id = $"floor-{runId}-{size}-{i}";
            try
            {
                foreach (var document in Documents)
                {
                    await floor.Blobs.GetBlobClient($"{edition}/{id}/{document}/intake.pdf").UploadAsync(new BinaryData(file), overwrite: true);
                }

                await floor.Table.AddEntityAsync(new TableEntity(edition, id)
                {
                    ["Status"] = "received",
                    ["SubmittedAt"] = DateTimeOffset.UtcNow,
                    ["ApplicantJson"] = SampleApplicant,
                    ["ProjectJson"] = SampleProject,
                });
                await floor.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FloorIntake), new FloorRef(id), new Microsoft.DurableTask.StartOrchestrationOptions(id));
                return true;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or Grpc.Core.RpcException or HttpRequestException)
            {
                return false;
            }
        });

        // Let the engine finish every bare orchestration before counting what a submission cost it (the last one
        // scheduled is not always the last to finish). One that does not finish would leave its requests out of the
        // count: the run fails instead.
        var timeout = TimeSpan.FromSeconds(Math.Max(60, size / 4));
        using (var wait = new CancellationTokenSource(timeout))
        {
            var done = 0;
            try
            {
                for (var i = 0; i < size; i++)
                {
                    if (accepted[i])
                    {
                        var instance = await floor.Client.WaitForInstanceCompletionAsync($"floor-{runId}-{size}-{i}", wait.Token);
                        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                        {
                            throw new BenchFailedException($"intake floor {size}: orchestration {i} ended {instance.RuntimeStatus}.");
                        }

                        done++;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                throw new BenchFailedException($"intake floor {size}: {done} of {accepted.Count(a => a)} orchestrations completed within {timeout.TotalSeconds} s; " +
                    "their storage requests would be undercounted.");
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var spent = Measures.Difference(before, FloorStack.Requests());
        var ok = accepted.Count(a => a);
        return Result("floor", size, concurrency, ok, seconds, latencies.Where((_, i) => accepted[i]).ToList(), spent, cpuSpent, load);
    }

    /// <summary>Items 0..size-1 sent by <paramref name="concurrency"/> workers, each timed; the burst's duration and CPU.</summary>
    static async Task<(double[] Latencies, bool[] Accepted, double Seconds, Dictionary<string, double> Cpu, double Load)> BurstAsync(int size, int concurrency,
        CpuMeter cpu, Func<int, Task<bool>> send)
    {
        var latencies = new double[size];
        var accepted = new bool[size];
        var next = -1;
        var load = Machine.LoadAverage1();
        var cpuBefore = cpu.Snapshot();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < size; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                accepted[i] = await send(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        clock.Stop();
        return (latencies, accepted, clock.Elapsed.TotalSeconds, CpuMeter.Since(cpuBefore, cpu.Snapshot()), load);
    }

    static BurstRun Result(string side, int size, int concurrency, int ok, double seconds, List<double> latencies, List<StorageCount> spent, Dictionary<string, double> cpu,
        double load)
    {
        var per = ok == 0 ? 0 : 1.0 / ok;
        var byOrigin = spent.GroupBy(c => c.Origin).ToDictionary(g => g.Key, g => Measures.Round(g.Sum(c => c.Count) * per, 2));
        return new BurstRun(side, size, concurrency, ok, size - ok, Measures.Round(seconds, 2), Measures.Round(ok / seconds, 2), Measures.Summarize(latencies),
            Measures.Round(spent.Sum(c => c.Count) * per, 2), byOrigin, cpu, CpuMeter.OtherShare(cpu, seconds), load);
    }

    // Roughly the size of the product's applicant and project columns, so the floor's row weighs what the product's does.
    static readonly string SampleApplicant = new('a', 520);
    static readonly string SampleProject = new('p', 330);
}
