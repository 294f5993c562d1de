using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Mouazara.Testing;

namespace Mouazara.Infra.Tests.Support;

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored with the test project
/// (its folder reaches this assembly as metadata; see the .csproj). Nothing is downloaded here.
/// </summary>
public static class Bicep
{
    static readonly Lazy<string> Executable = new(Locate);
    // One build of main.bicep per test run, for the test of the build itself and for every test that reads the template.
    static readonly Lazy<Task<CliResult>> MainBuild = new(() => RunAsync("build", "main.bicep", "--stdout"));

    public static string InfraDirectory => Repo.PathOf("infra");

    public static string ExecutablePath => Executable.Value;

    public static Task<CliResult> RunAsync(params string[] arguments) => Cli.RunAsync(Executable.Value, InfraDirectory, arguments);

    /// <summary>What <c>bicep build main.bicep --stdout</c> printed, run once per test run.</summary>
    public static Task<CliResult> BuildMainAsync() => MainBuild.Value;

    /// <summary>infra/main.bicep as ARM JSON.</summary>
    public static async Task<JsonObject> MainTemplateAsync()
    {
        var result = await MainBuild.Value;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build main.bicep failed: {result}");
        }

        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    static string Locate()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                $"The Bicep CLI comes from Azure.Bicep.CommandLine.linux-x64; these checks run on linux-x64 (this is {RuntimeInformation.RuntimeIdentifier}).");
        }

        var package = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPackage")?.Value;
        var path = string.IsNullOrEmpty(package) ? null : Path.Combine(package, "tools", "bicep");
        if (path is null || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No Bicep CLI at '{path}'. Restore tests/Mouazara.Infra.Tests (dotnet restore) so the package Azure.Bicep.CommandLine.linux-x64 is in the NuGet cache.");
        }

        const UnixFileMode Execute = UnixFileMode.UserExecute;
        if ((File.GetUnixFileMode(path) & Execute) != 0)
        {
            return path;
        }

        // Some NuGet caches drop the executable bit: run a private, executable copy instead of touching the cache.
        var copy = Path.Combine(AppContext.BaseDirectory, "bicep-cli", "bicep");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(path, copy, overwrite: true);
        File.SetUnixFileMode(copy, File.GetUnixFileMode(copy) | Execute | UnixFileMode.UserRead);
        return copy;
    }
}
