using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json;

namespace Mouazara.Functions.Tests.Support;

/// <summary>Where things are in the repository these tests run from.</summary>
static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration these tests were built in (Debug, Release); the Functions app was built in the same one.</summary>
    public static string Configuration { get; } =
        typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The target framework these tests (and the Functions app) were built for, as in output paths: net10.0.</summary>
    public static string TargetFramework { get; } = "net" + (typeof(Repo).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName
        ?? throw new InvalidOperationException("The test assembly names no target framework.")).Split("Version=v")[1];

    /// <summary>The Functions app's build output: src/Mouazara.Functions/bin/{Configuration}/{TargetFramework}.</summary>
    public static string FunctionsOutput { get; } = Path.Combine(Root, "src", "Mouazara.Functions", "bin", Configuration, TargetFramework);

    /// <summary>The <c>Values</c> of the committed local.settings.sample.json, keyed as configuration sees them (<c>__</c> read as <c>:</c>).</summary>
    public static IReadOnlyDictionary<string, string?> SampleSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString(), StringComparer.OrdinalIgnoreCase);
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mouazara.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Mouazara.Functions.sln above {AppContext.BaseDirectory}.");
    }
}
