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
}
