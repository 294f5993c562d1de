using System.Text.Json;

namespace Mouazara.Local.Configuration;

/// <summary>
/// Reads the <c>Values</c> of <c>local.settings.json</c> (or, when there is none, the committed
/// <c>local.settings.sample.json</c>), the same file <c>func start</c> reads, so both hosts share one set of
/// settings. Keys use <c>__</c> as in app settings on Azure.
/// </summary>
public static class LocalSettings
{
    public static (string? Path, Dictionary<string, string?> Values) Load(string repoRoot)
    {
        foreach (var name in new[] { "local.settings.json", "local.settings.sample.json" })
        {
            var path = System.IO.Path.Combine(repoRoot, name);
            if (!File.Exists(path))
            {
                continue;
            }

            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (document.RootElement.TryGetProperty("Values", out var settings))
            {
                foreach (var property in settings.EnumerateObject())
                {
                    values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()
                        : property.Value.GetRawText();
                }
            }

            return (path, values);
        }

        return (null, []);
    }

    /// <summary>The repository root: the folder holding the solution, found from the working directory or the binaries.</summary>
    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Mouazara.Functions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
