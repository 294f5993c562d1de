using System.Diagnostics;
using System.Net.Sockets;

namespace Mouazara.Local.DevTools;

/// <summary>
/// Starts Azurite from the repository's pinned npm dev-dependency when no storage answers on its ports,
/// keeping its data under the git-ignored <c>.local/azurite</c>.
/// </summary>
public static class Azurite
{
    static readonly int[] Ports = [10000, 10001, 10002];

    /// <summary>
    /// Whether storage answers on every port. A refused connection is an answer at once; a connection that does not
    /// complete in time is tried again, because a host starting on a busy machine can miss a short timeout against an
    /// emulator that is there, and would then start a second one that cannot bind the ports.
    /// </summary>
    public static async Task<bool> IsRunningAsync()
    {
        foreach (var port in Ports)
        {
            if (!await AnswersAsync(port))
            {
                return false;
            }
        }

        return true;
    }

    static async Task<bool> AnswersAsync(int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var client = new TcpClient();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.ConnectAsync("127.0.0.1", port, timeout.Token);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
            catch (OperationCanceledException) when (attempt < 3)
            {
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    public static async Task<Process> StartAsync(string repoRoot, ILogger logger)
    {
        var executable = Path.Combine(repoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` (./run.sh does it) or start any Azure Storage emulator on ports 10000-10002.");
        }

        var data = Path.Combine(repoRoot, ".local", "azurite");
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo(executable)
        {
            // Without telemetry: Azurite otherwise samples every request for Application Insights and tries to send it.
            ArgumentList = { "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", data, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 100 && !await IsRunningAsync(); i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
            }

            await Task.Delay(200);
        }

        StartedLog(logger, process.Id, data);
        return process;
    }

    static void StartedLog(ILogger logger, int pid, string data) =>
        logger.LogInformation("Started Azurite (pid {Pid}) with data in {Data}", pid, data);
}
