using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Support;

/// <summary>
/// The local host as its own process, exactly as `./run.sh` starts it, but on a free port with its own task hub
/// and tables. It can be stopped politely or killed hard, and started again on the same storage.
/// </summary>
public sealed class LocalProcess : IAsyncDisposable
{
    readonly StringBuilder output = new();
    Process? process;

    public LocalProcess(string? prefix = null, int? port = null)
    {
        Port = port ?? FreePort();
        Prefix = prefix ?? "p" + new string(Guid.NewGuid().ToString("N")[..8].Select(c => char.IsDigit(c) ? (char)('g' + c - '0') : c).ToArray());
        Client = new MouazaraClient(BaseAddress);
    }

    public int Port { get; }

    public string Prefix { get; }

    public Uri BaseAddress => new($"http://localhost:{Port}/");

    public MouazaraClient Client { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public Dictionary<string, string> Environment { get; } = [];

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mouazara.Functions.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Repository root not found.");
        }
    }

    /// <summary>The host's entry assembly, built next to this test assembly by the project reference.</summary>
    static string HostAssembly => Path.Combine(AppContext.BaseDirectory, "Mouazara.Local.dll");

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { HostAssembly },
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Local__Port"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Local__TaskHub"] = Prefix + "hub";
        start.Environment["Local__SeedSamples"] = "false";
        start.Environment["Storage__TablePrefix"] = Prefix;
        start.Environment["Links__PublicBaseUrl"] = BaseAddress.AbsoluteUri;
        start.Environment["Email__SendGridHost"] = $"http://localhost:{Port}";
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(180));
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                // One probe may hang while the host is still starting on a loaded machine: it is abandoned and tried again.
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                using var health = await Client.Http.GetAsync("api/health", probe.Token);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        // Killed here: a fixture whose start fails is never disposed, and a host left running polls the tests' Azurite
        // for the rest of the run (one such host was found still polling half an hour after its test had failed).
        KillHard();
        throw new TimeoutException("The local host did not become healthy:\n" + Output);
    }

    /// <summary>Ends the process at once, as a power cut or an OOM kill would: no shutdown code runs.</summary>
    public void KillHard()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process!.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            // The long proofs kill hosts many times; MOUAZARA_HOST_LOG_DIR keeps every host's output for the post-mortem.
            if (System.Environment.GetEnvironmentVariable("MOUAZARA_HOST_LOG_DIR") is { Length: > 0 } dir)
            {
                File.AppendAllText(Path.Combine(dir, $"host-{Port}-{process?.Id}.log"), $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}\n");
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        KillHard();
        process?.Dispose();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }
}
