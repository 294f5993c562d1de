using System.Text.Json.Nodes;
using Mouazara.Infra.Tests.Support;
using Mouazara.Storage;
using Mouazara.Testing;

namespace Mouazara.Infra.Tests;

/// <summary>infra/*.bicep compiles and lints clean with the Bicep CLI from NuGet, and agrees with the code and the docs.</summary>
public sealed class TemplateTests
{
    static List<string> Diagnostics(CliResult result, params string[] levels) =>
        [.. result.Output.Split('\n').Where(line => levels.Any(level => line.Contains($" : {level} ", StringComparison.Ordinal)))];

    [Fact]
    public async Task The_template_builds_with_no_warnings_or_errors()
    {
        var result = await Bicep.BuildMainAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Diagnostics(result, "Warning", "Error"));
        Assert.NotNull(JsonNode.Parse(result.StandardOutput)?["resources"]);
    }

    const string AllBicepFiles = "**/*.bicep";

    [Fact]
    public async Task Every_bicep_file_lints_with_no_warnings_or_errors()
    {
        var files = Directory.GetFiles(Bicep.InfraDirectory, "*.bicep", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("main.bicep", StringComparison.Ordinal));

        // Every file in one run of the CLI (a run per file paid the CLI's start-up eight times).
        var result = await Bicep.RunAsync("lint", "--pattern", AllBicepFiles);

        Assert.True(result.ExitCode == 0, $"bicep lint --pattern {AllBicepFiles}: {result}");
        Assert.Empty(Diagnostics(result, "Warning", "Error"));
    }

    [Fact]
    public async Task The_linter_reports_a_warning_in_the_form_these_checks_read()
    {
        // A control: if the CLI's output changed shape, or the pattern stopped reaching files in folders, the two checks
        // above would pass without reading anything.
        var dir = Directory.CreateTempSubdirectory("mouazara-bicep-");
        try
        {
            var file = Path.Combine(dir.CreateSubdirectory("app").FullName, "probe.bicep");
            await File.WriteAllTextAsync(file, "param unused string\noutput ok bool = true\n");

            var result = await Cli.RunAsync(Bicep.ExecutablePath, dir.FullName, ["lint", "--pattern", AllBicepFiles]);

            Assert.Single(Diagnostics(result, "Warning", "Error"));
            Assert.Contains("no-unused-params", result.Output, StringComparison.Ordinal);
            Assert.Contains("probe.bicep", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_bicep_config_raises_rules_and_never_silences_one()
    {
        var core = JsonNode.Parse(Repo.Read("infra", "bicepconfig.json"))!["analyzers"]!["core"]!;
        var rules = core["rules"]!.AsObject();

        Assert.True((bool?)core["enabled"] ?? true);
        var lowered = rules.Where(r => (string?)r.Value!["level"] is not ("warning" or "error")).Select(r => r.Key).ToList();

        Assert.True(lowered.Count == 0, $"infra/bicepconfig.json lowers or silences: {string.Join(", ", lowered)}.");
    }

    [Fact]
    public async Task The_template_creates_every_table_and_the_attachments_container_the_app_uses()
    {
        var root = await Bicep.MainTemplateAsync();

        var (storage, tables) = Assert.Single(ArmTemplate.ResourcesOfType(root, "Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.Equal("[length(variables('tableNames'))]", (string?)tables["copy"]?["count"]);
        var created = storage["variables"]!["tableNames"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal);
        Assert.Equal(TableNames.All.Order(StringComparer.Ordinal), created);

        Assert.Equal(new StorageOptions().AttachmentsContainer, (string?)root["variables"]?["attachmentsContainer"]);
        Assert.Contains(ArmTemplate.ResourcesOfType(root, "Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => ((string?)c.Resource["name"] ?? "").Contains("parameters('attachmentsContainerName')", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_parameters_file_sets_only_template_parameters_and_every_required_one()
    {
        var declared = (await Bicep.MainTemplateAsync())["parameters"]!.AsObject();
        var given = JsonNode.Parse(Repo.Read("infra", "main.parameters.json"))!["parameters"]!.AsObject();

        var unknown = given.Select(p => p.Key).Where(name => !declared.ContainsKey(name)).ToList();
        var unset = declared.Where(p => p.Value!["defaultValue"] is null && !given.ContainsKey(p.Key)).Select(p => p.Key).ToList();

        Assert.True(unknown.Count == 0, $"infra/main.parameters.json sets parameters main.bicep does not declare: {string.Join(", ", unknown)}.");
        Assert.True(unset.Count == 0, $"infra/main.parameters.json leaves required parameters unset: {string.Join(", ", unset)}.");
    }

    [Fact]
    public async Task The_infra_readme_explains_every_template_parameter()
    {
        var declared = (await Bicep.MainTemplateAsync())["parameters"]!.AsObject().Select(p => p.Key);
        var readme = Repo.Read("infra", "README.md");

        var undocumented = declared.Where(name => !readme.Contains($"`{name}`", StringComparison.Ordinal)).ToList();

        Assert.True(undocumented.Count == 0, $"infra/README.md does not explain: {string.Join(", ", undocumented)}.");
    }
}
