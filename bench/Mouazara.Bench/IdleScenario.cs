using System.Diagnostics;
using System.Net;
using Mouazara.Testing;

namespace Mouazara.Bench;

/// <summary>One engine timing profile left idle: what its polling and leases cost, and what waking it costs.</summary>
sealed record IdleProfileRun(string Profile, IdleReport Idle, double RequestsPerHour, double WakeUpMedianSeconds, double WakeUpMaxSeconds);

/// <summary>
/// <c>--only idle</c>: the idle cost of the durable engine under the local host's timing and under the production
/// host.json's (Local:EngineTiming), each on its own host: storage requests per hour with nothing in flight, and
/// the price in latency: seconds from a submission arriving on an idle engine to its documents request, five times,
/// each after 20 s of quiet (long enough for the queue polling to back off to its longest interval).
/// </summary>
static class IdleScenario
{
    public static async Task<IdleProfileRun> RunAsync(string root, string connectionString, MailSink sink, string profile, TimeSpan window,
        string runId, string output)
    {
        await using var host = await HostProcess.StartAsync(root, connectionString, sink.Address, Path.Combine(output, $"host-idle-{profile}.log"),
            new Dictionary<string, string> { ["Local__EngineTiming"] = profile });
        using var driver = new Driver(host.BaseAddress);
        var edition = $"bench-idle-{profile}-{runId}";
        await driver.PutEditionAsync(BenchProgram.Edition(edition));
        var template = new SubmissionTemplate(edition, IntakeScenario.Documents, TestFiles.PdfOfSize(16 * 1024));

        // Warm-up: one application through its first stage (JIT, connections, a partition lease), then the
        // production lease interval, so that the window sees steady polling and renewals, not acquisitions.
        await SubmitAndWaitAsync(driver, sink, template, $"{runId}{profile}warm", TimeSpan.FromMinutes(3));
        await Task.Delay(TimeSpan.FromSeconds(35));

        var idle = await StorageScenario.IdleAsync(driver, window, host.Prefix, host.TaskHub);
        var wakes = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(20));
            }

            wakes.Add((await SubmitAndWaitAsync(driver, sink, template, $"{runId}{profile}wake{i}", TimeSpan.FromMinutes(3))).TotalSeconds);
        }

        return new IdleProfileRun(profile, idle, Measures.Round(idle.RequestsPerMinute * 60, 0),
            Measures.Round(Measures.Percentile(wakes, 50), 2), Measures.Round(wakes.Max(), 2));
    }

    static async Task<TimeSpan> SubmitAndWaitAsync(Driver driver, MailSink sink, SubmissionTemplate template, string submissionId, TimeSpan limit)
    {
        var before = sink.Inbox.Count("documents-request");
        var clock = Stopwatch.StartNew();
        var (status, _) = await driver.SubmitAsync(template.Build(submissionId));
        if (status != HttpStatusCode.Accepted)
        {
            throw new BenchFailedException($"idle: the submission {submissionId} was answered {(int)status}");
        }

        if (!await sink.Inbox.WaitForTotalAsync("documents-request", before + 1, limit))
        {
            throw new BenchFailedException($"idle: no documents request for {submissionId} within {limit}");
        }

        return clock.Elapsed;
    }
}
