using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Mouazara.Functions.Tests.Support;

namespace Mouazara.Functions.Tests;

public sealed class PackagingTests
{
    [Fact]
    public void The_form_mappings_ship_next_to_the_app_where_Intake_MappingsPath_finds_them()
    {
        var source = Path.Combine(Repo.Root, "editions", "mappings");
        var shipped = Path.Combine(Repo.FunctionsOutput, "editions", "mappings");
        var expected = Directory.GetFiles(source, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Directory.GetFiles(shipped, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in expected)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(source, name!)), File.ReadAllText(Path.Combine(shipped, name!)));
        }
    }

    [Fact]
    public void The_console_ships_inside_the_library_the_functions_app_deploys()
    {
        // Built from console/ by esbuild (npm ci, then any build) and embedded: what publish copies is what the hosts serve.
        using var stream = File.OpenRead(Path.Combine(Repo.FunctionsOutput, "Mouazara.dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var resources = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
        Assert.Contains("console/index.html", resources);
        Assert.Contains("console/app.js", resources);
        Assert.Contains("console/app.css", resources);
    }
}
