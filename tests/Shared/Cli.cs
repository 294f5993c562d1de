using System.Diagnostics;

namespace Mouazara.Testing;

public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    public override string ToString() => $"exit code {ExitCode}\n{StandardError}{StandardOutput}";
}

/// <summary>Runs a command line tool to completion and captures what it printed.</summary>
public static class Cli
{
    public static Task<CliResult> RunAsync(string executable, string workingDirectory, params string[] arguments) =>
        RunAsync(executable, workingDirectory, TimeSpan.FromMinutes(3), arguments);

    public static async Task<CliResult> RunAsync(string executable, string workingDirectory, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            // What it printed up to the kill says where it waited; the pipes close with the process.
            var printed = await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} did not finish within {limit}. It printed:\n{printed[1]}{printed[0]}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
