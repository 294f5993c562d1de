using System.Text.Json;

namespace Mouazara.Functions.Tests.Support;

/// <summary>One binding of one function, as the Worker SDK wrote it into functions.metadata.</summary>
sealed record MetadataBinding(string Name, string Type, string Direction, string? Route, IReadOnlyList<string> Methods, string? AuthLevel);

sealed record MetadataFunction(string Name, string EntryPoint, IReadOnlyList<MetadataBinding> Bindings)
{
    public MetadataBinding? Trigger => Bindings.SingleOrDefault(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The functions.metadata the Worker SDK generated into the Functions app's build output (the project reference
/// builds it before these tests). Never a hand-made copy: if it is missing, the test says how to produce it.
/// </summary>
static class FunctionsMetadata
{
    static readonly Lazy<IReadOnlyList<MetadataFunction>> All = new(Load);

    public static string Path { get; } = System.IO.Path.Combine(Repo.FunctionsOutput, "functions.metadata");

    public static IReadOnlyList<MetadataFunction> Functions => All.Value;

    public static IEnumerable<MetadataFunction> WithTrigger(string type) =>
        Functions.Where(f => string.Equals(f.Trigger?.Type, type, StringComparison.OrdinalIgnoreCase));

    static IReadOnlyList<MetadataFunction> Load()
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException(
                $"No functions.metadata at {Path}. Build the Functions app in the same configuration first: dotnet build src/Mouazara.Functions -c {Repo.Configuration}.", Path);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        return document.RootElement.EnumerateArray().Select(f => new MetadataFunction(
            f.GetProperty("name").GetString()!,
            f.GetProperty("entryPoint").GetString()!,
            f.GetProperty("bindings").EnumerateArray().Select(b => new MetadataBinding(
                b.GetProperty("name").GetString()!,
                b.GetProperty("type").GetString()!,
                b.GetProperty("direction").GetString()!,
                b.TryGetProperty("route", out var route) ? route.GetString() : null,
                b.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!).ToList() : [],
                b.TryGetProperty("authLevel", out var auth) ? auth.GetString() : null)).ToList())).ToList();
    }
}
