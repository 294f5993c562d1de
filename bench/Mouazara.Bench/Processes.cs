using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mouazara.Bench;

/// <summary>Loopback ports and the repository's folders.</summary>
static class Machine
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepoRoot
    {
        get
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "Mouazara.Functions.sln")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new InvalidOperationException("Repository root not found (run from the repository).");
        }
    }

    public static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages (other work on the machine shows here).</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>CPU seconds the whole machine has spent busy since boot (every core: user, nice, system, irq, softirq, steal), from /proc/stat.</summary>
    public static double? BusyCpuSeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long F(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            return (F(1) + F(2) + F(3) + F(6) + F(7) + F(8)) / 100.0;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The 1-minute load average, or NaN.</summary>
    public static double LoadAverage1()
    {
        var first = LoadAverage().Split(' ')[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;
    }

    public static long MemTotalBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return 0;
        }
    }
}

/// <summary>
/// An Azurite of the bench's own, on free loopback ports and in memory, so that every run starts from
/// the same empty storage whatever else uses the shared emulator on 10000-10002.
/// </summary>
sealed class PrivateAzurite : IAsyncDisposable
{
    const string Account = "bench";
    readonly Process? process;

    PrivateAzurite(Process? process, string connectionString)
    {
        this.process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public int? ProcessId => process?.Id;

    public Process? Process => process;

    public static PrivateAzurite Shared() => new(null, "UseDevelopmentStorage=true");

    public static async Task<PrivateAzurite> StartAsync(string repoRoot)
    {
        var azurite = Path.Combine(repoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("node_modules/.bin/azurite is missing: run `npm ci` (bench.sh does).");
        }

        int blob = Machine.FreePort(), queue = Machine.FreePort(), table = Machine.FreePort();
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // An account of its own with a key made for this run (AZURITE_ACCOUNTS), rather than the emulator's published one.
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        start.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{key}";
        foreach (var arg in new[]
                 {
                     // In memory: on disk the emulator re-serialises its whole table database every few seconds, a
                     // cost that grows with everything stored and that Azure Storage does not have.
                     // Without telemetry: Azurite otherwise samples every request for Application Insights and tries to send it.
                     "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 120; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {process.ExitCode}.");
            }

            if (await Machine.AnswersAsync(blob) && await Machine.AnswersAsync(queue) && await Machine.AnswersAsync(table))
            {
                var cs = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};"
                    + $"BlobEndpoint=http://127.0.0.1:{blob}/{Account};QueueEndpoint=http://127.0.0.1:{queue}/{Account};"
                    + $"TableEndpoint=http://127.0.0.1:{table}/{Account};";
                return new PrivateAzurite(process, cs);
            }

            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("Azurite did not answer within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        process?.Dispose();
    }
}

/// <summary>
/// The local host as its own process (the Release build), on a free port with its own task hub and table prefix,
/// its mail sent to the bench's sink. Its memory is read from /proc, its storage counts from /dev/storage-requests.
/// </summary>
sealed class HostProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StreamWriter log;

    HostProcess(Process process, int port, string prefix, StreamWriter log)
    {
        this.process = process;
        this.log = log;
        Port = port;
        Prefix = prefix;
    }

    public int Port { get; }

    public string Prefix { get; }

    public string TaskHub => Prefix + "hub";

    public int ProcessId => process.Id;

    public Process Process => process;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public static string AssemblyPath(string repoRoot) =>
        Path.Combine(repoRoot, "src", "Mouazara.Local", "bin", "Release", "net10.0", "Mouazara.Local.dll");

    public static async Task<HostProcess> StartAsync(string repoRoot, string connectionString, Uri mailSink, string logFile,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = AssemblyPath(repoRoot);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build with `dotnet build -c Release bench/Mouazara.Bench` (bench.sh does).");
        }

        var port = Machine.FreePort();
        var prefix = "bench" + new string(Guid.NewGuid().ToString("N")[..6].Select(c => char.IsDigit(c) ? (char)('g' + c - '0') : c).ToArray());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Local__Port"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Local__TaskHub"] = prefix + "hub";
        start.Environment["Local__SeedSamples"] = "false";
        start.Environment["Local__StartAzurite"] = "false";
        start.Environment["Storage__TablePrefix"] = prefix;
        start.Environment["Storage__ConnectionString"] = connectionString;
        start.Environment["Links__PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        start.Environment["Email__SendGridHost"] = mailSink.AbsoluteUri.TrimEnd('/');
        start.Environment["Intake__Secrets__generic"] = Driver.WebhookSecret;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: false, Encoding.UTF8) { AutoFlush = true };
        var process = Process.Start(start)!;
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (log)
                {
                    log.WriteLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new HostProcess(process, port, prefix, log);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {process.ExitCode}; see {logFile}.");
            }

            try
            {
                using var health = await http.GetAsync(new Uri("api/health", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"The local host did not become healthy in 120 s; see {logFile}.");
    }

    /// <summary>Resident set and its high-water mark (VmRSS, VmHWM) in bytes.</summary>
    public (long Rss, long Hwm) Memory()
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line);
            }
        }

        return (rss, hwm);

        static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Resets VmHWM to the current resident set (Linux: "5" to /proc/pid/clear_refs); false where not allowed.</summary>
    public bool ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }
}

/// <summary>
/// CPU time of the processes a run involves (the host, Azurite, the bench with the floors), from /proc; and of the
/// whole machine (<c>machine</c>) and of the emulators of earlier steps still running (<c>retired</c>), so that what
/// other work took during a measurement can be told (<see cref="OtherShare"/>).
/// </summary>
sealed class CpuMeter(IReadOnlyDictionary<string, int?> processes)
{
    public const string MachineKey = "machine";
    public const string RetiredKey = "retired";

    public Dictionary<string, double> Snapshot()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, pid) in processes)
        {
            if (pid is { } id && Seconds(id) is { } seconds)
            {
                result[name] = seconds;
            }
        }

        result[RetiredKey] = Stack.RetiredProcessIds().Sum(id => Seconds(id) ?? 0);
        if (Machine.BusyCpuSeconds() is { } busy)
        {
            result[MachineKey] = busy;
        }

        return result;
    }

    public static Dictionary<string, double> Since(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value - before.GetValueOrDefault(kv.Key), 2), StringComparer.Ordinal);

    /// <summary>
    /// The share of the machine's capacity (every core, over <paramref name="seconds"/>) that processes other than the
    /// run's own used during a measurement: 0 on a quiet machine; NaN when the machine's counters cannot be read.
    /// </summary>
    public static double OtherShare(IReadOnlyDictionary<string, double> spent, double seconds)
    {
        // With the shared emulator (--shared-azurite) Azurite is not one of the run's own processes: no telling.
        if (!spent.TryGetValue(MachineKey, out var machine) || !spent.ContainsKey("azurite") || seconds <= 0)
        {
            return double.NaN;
        }

        var own = spent.Where(kv => kv.Key != MachineKey).Sum(kv => kv.Value);
        return Math.Round(Math.Max(0, machine - own) / (seconds * Environment.ProcessorCount), 3);
    }

    /// <summary>utime + stime of /proc/pid/stat, in seconds (USER_HZ = 100 on Linux).</summary>
    static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
