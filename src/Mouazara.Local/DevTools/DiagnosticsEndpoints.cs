using System.Diagnostics;
using Mouazara.Storage;

namespace Mouazara.Local.DevTools;

/// <summary>
/// What <c>./bench.sh</c> reads from outside the host, loopback only: the storage requests counted since start
/// (<see cref="StorageRequests"/>, by origin, service, operation and resource) and the process's memory, with a
/// sampler of the managed heap's peak over a bounded window.
/// </summary>
public static class DiagnosticsEndpoints
{
    static readonly object Gate = new();
    static HeapWatch? watch;

    public static IEndpointRouteBuilder MapDevDiagnostics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dev").RequireLoopback();

        group.MapGet("/storage-requests", () => Results.Json(StorageRequests.Snapshot()));
        group.MapGet("/runtime", () => Results.Json(Runtime()));

        // Samples the managed heap every few milliseconds until the window ends (at most ten minutes); GET /dev/runtime reports its peak.
        group.MapPost("/runtime/watch", (int? seconds) =>
        {
            var window = TimeSpan.FromSeconds(Math.Clamp(seconds ?? 60, 1, 600));
            lock (Gate)
            {
                watch?.Stop();
                watch = HeapWatch.Start(window);
            }

            return Results.Json(Runtime());
        });
        return app;
    }

    static object Runtime()
    {
        var info = GC.GetGCMemoryInfo();
        HeapWatch? current;
        lock (Gate)
        {
            current = watch;
        }

        using var process = Process.GetCurrentProcess();
        return new
        {
            processId = Environment.ProcessId,
            workingSetBytes = process.WorkingSet64,
            peakWorkingSetBytes = process.PeakWorkingSet64,
            managedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            gcHeapSizeBytes = info.HeapSizeBytes,
            gcCommittedBytes = info.TotalCommittedBytes,
            serverGc = System.Runtime.GCSettings.IsServerGC,
            collections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) },
            watch = current is null ? null : new { current.PeakManagedHeapBytes, current.Samples, current.Running },
        };
    }

    sealed class HeapWatch
    {
        readonly CancellationTokenSource stop = new();
        long peak;
        long samples;

        public long PeakManagedHeapBytes => Interlocked.Read(ref peak);

        public long Samples => Interlocked.Read(ref samples);

        public bool Running => !stop.IsCancellationRequested;

        public static HeapWatch Start(TimeSpan window)
        {
            var watch = new HeapWatch();
            watch.stop.CancelAfter(window);
            var thread = new Thread(watch.Run) { IsBackground = true, Name = "heap-watch", Priority = ThreadPriority.AboveNormal };
            thread.Start();
            return watch;
        }

        public void Stop() => stop.Cancel();

        void Run()
        {
            while (!stop.IsCancellationRequested)
            {
                var heap = GC.GetTotalMemory(forceFullCollection: false);
                if (heap > Interlocked.Read(ref peak))
                {
                    Interlocked.Exchange(ref peak, heap);
                }

                Interlocked.Increment(ref samples);
                Thread.Sleep(5);
            }
        }
    }
}
