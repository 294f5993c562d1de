using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Mouazara.Testing;

namespace Mouazara.Bench;

/// <summary>Scenario 5's figures. <see cref="Met"/> only when every upload was accepted: a refused upload takes no memory.</summary>
public sealed record MemoryRun(int Uploads, double FileMiB, int Created, double Seconds, double IdleRssMiB, double PeakRssMiB, double RssGrowthMiB,
    double IdleHeapMiB, double PeakHeapMiB, double HeapGrowthMiB, string PeakSource, double TargetMiB, bool Met);

/// <summary>
/// Scenario 5: ten documents at the size cap (10 MB) uploaded at once through upload links, against the host's
/// idle footprint measured just before (after a warm-up upload, so first-use costs are not counted as growth).
/// </summary>
static class MemoryScenario
{
    const double MiB = 1024 * 1024;

    public static async Task<MemoryRun> RunAsync(HostProcess host, Driver driver, MailSink sink, string edition, string runId, int uploads = 10)
    {
        // Upload links: applications missing four documents each, and one more for the warm-up.
        var template = new SubmissionTemplate(edition, IntakeScenario.Documents, TestFiles.Pdf("Document"));
        var links = new List<string>();
        var apps = (uploads + 3) / 4 + 1;
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        for (var i = 0; i < apps; i++)
        {
            var (status, id) = await driver.SubmitAsync(template.Build($"{runId}-memory-{i}"));
            if (status != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"Memory scenario: submission answered {(int)status}.");
            }

            var mail = (await sink.Inbox.WaitAsync(id!, "documents-request", 1, wait.Token))[0];
            links.AddRange(mail.Links.Where(l => l.Contains("/api/uploads/", StringComparison.Ordinal)));
        }

        var file = TestFiles.PdfOfSize(10 * 1024 * 1024);
        var warmUp = links.Take(4).ToList();
        var targets = links.Skip(4).Take(uploads).ToList();

        // Warm-up: one file at the cap, then the three small ones, so pools, JIT and connections exist before "idle".
        // A warm-up that fails leaves first-use costs in the measurement: the run fails instead.
        if (targets.Count < uploads)
        {
            throw new BenchFailedException($"memory: {links.Count} upload links for {uploads + 4} uploads.");
        }

        var warmed = new List<HttpStatusCode> { await driver.UploadAsync(warmUp[0], file) };
        foreach (var link in warmUp.Skip(1))
        {
            warmed.Add(await driver.UploadAsync(link, TestFiles.Pdf("warm-up")));
        }

        if (warmed.Any(s => s != HttpStatusCode.Created))
        {
            throw new BenchFailedException("memory: warm-up uploads answered " + string.Join(", ", warmed.Select(s => (int)s)));
        }

        await Task.Delay(TimeSpan.FromSeconds(4));
        var idleRss = new List<double>();
        var idleHeap = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            idleRss.Add(host.Memory().Rss);
            idleHeap.Add((await driver.RuntimeAsync())["managedHeapBytes"]!.GetValue<long>());
            await Task.Delay(200);
        }

        var reset = host.ResetPeak();
        await driver.RuntimeAsync(watchSeconds: true, seconds: 120);
        using var done = new CancellationTokenSource();
        var sampledPeak = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                sampledPeak = Math.Max(sampledPeak, host.Memory().Rss);
                await Task.Delay(10);
            }
        });

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(targets.Select(link =>
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            return driver.UploadAsync(link, content);
        }));
        clock.Stop();
        await Task.Delay(300);
        await done.CancelAsync();
        await sampler;

        var (_, hwm) = host.Memory();
        var runtime = await driver.RuntimeAsync();
        var peakHeap = runtime["watch"]?["peakManagedHeapBytes"]?.GetValue<long>() ?? 0;
        var idle = Measures.Percentile(idleRss, 50);
        var peak = reset ? Math.Max(hwm, sampledPeak) : sampledPeak;
        var idleHeapBytes = Measures.Percentile(idleHeap, 50);
        var growth = (peak - idle) / MiB;
        var created = results.Count(s => s == HttpStatusCode.Created);
        return new MemoryRun(targets.Count, file.Length / MiB, created, Measures.Round(clock.Elapsed.TotalSeconds, 2),
            Measures.Round(idle / MiB), Measures.Round(peak / MiB), Measures.Round(growth), Measures.Round(idleHeapBytes / MiB),
            Measures.Round(peakHeap / MiB), Measures.Round((peakHeap - idleHeapBytes) / MiB),
            reset ? "VmHWM (reset before the uploads) and VmRSS sampled every 10 ms" : "VmRSS sampled every 10 ms", 24,
            growth < 24 && created == targets.Count && targets.Count == uploads);
    }
}
