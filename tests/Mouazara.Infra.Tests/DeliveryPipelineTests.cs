using System.Text.RegularExpressions;
using Mouazara.Infra.Tests.Support;
using Mouazara.Testing;

namespace Mouazara.Infra.Tests;

/// <summary>The GitHub Actions workflow and azure.yaml: valid, secretless, and fed every parameter the template needs.</summary>
public sealed partial class DeliveryPipelineTests
{
    static string Workflow => Repo.Read(".github", "workflows", "ci.yml");

    [Fact]
    public async Task The_workflows_validate_against_the_GitHub_Actions_schema()
    {
        var validator = Repo.PathOf("node_modules", ".bin", "action-validator");
        Assert.True(File.Exists(validator),
            $"{validator} is missing. Run `npm ci` at the repository root: package.json lists @action-validator/cli, which validates workflows offline.");

        var workflows = Directory.GetFiles(Repo.PathOf(".github", "workflows")).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).ToList();
        Assert.Contains(workflows, f => Path.GetFileName(f) == "ci.yml");

        foreach (var workflow in workflows)
        {
            var result = await Cli.RunAsync(validator, Repo.Root, Path.GetRelativePath(Repo.Root, workflow));
            Assert.True(result.ExitCode == 0, $"action-validator {workflow}: {result}");
        }
    }

    [Fact]
    public void The_deploy_job_signs_in_with_OpenID_Connect_and_no_stored_secret()
    {
        var workflow = Workflow;

        Assert.DoesNotContain("secrets.", workflow, StringComparison.Ordinal);
        Assert.Contains("id-token: write", workflow, StringComparison.Ordinal);
        Assert.Contains("uses: azure/login@", workflow, StringComparison.Ordinal);
        Assert.Contains("client-id: ${{ vars.AZURE_CLIENT_ID }}", workflow, StringComparison.Ordinal);
        Assert.Contains("tenant-id: ${{ vars.AZURE_TENANT_ID }}", workflow, StringComparison.Ordinal);
        Assert.Contains("subscription-id: ${{ vars.AZURE_SUBSCRIPTION_ID }}", workflow, StringComparison.Ordinal);
        Assert.Contains("--federated-credential-provider github", workflow, StringComparison.Ordinal);
        Assert.Contains("azd provision --no-prompt", workflow, StringComparison.Ordinal);
        Assert.Contains("azd deploy", workflow, StringComparison.Ordinal);
        Assert.Contains("run: ./test.sh", workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_parameter_the_template_reads_from_the_environment_reaches_the_deploy_job()
    {
        var parameters = Repo.Read("infra", "main.parameters.json");
        var azureYaml = Repo.Read("azure.yaml");
        var workflow = Workflow;

        var variables = EnvironmentReference().Matches(parameters).Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.Contains("AZURE_ENV_NAME", variables);

        // Secrets are given once, by hand, for the first provisioning; CI leaves them empty, which keeps Key Vault's values.
        var secret = variables.Where(IsSecretVariable).ToList();
        Assert.Contains("MOUAZARA_SENDGRID_API_KEY", secret);
        Assert.All(secret, name => Assert.DoesNotContain(name, workflow, StringComparison.Ordinal));

        foreach (var name in variables.Except(secret))
        {
            Assert.True(workflow.Contains($"{name}: ${{{{ vars.{name} }}}}", StringComparison.Ordinal),
                $".github/workflows/ci.yml does not pass {name} (used by infra/main.parameters.json) to the deploy job from the repository variables.");
            if (name.StartsWith("MOUAZARA_", StringComparison.Ordinal))
            {
                Assert.True(azureYaml.Contains($"- {name}\n", StringComparison.Ordinal),
                    $"azure.yaml does not list {name} under pipeline.variables, so `azd pipeline config` would not copy it to GitHub.");
            }
        }
    }

    static bool IsSecretVariable(string name) => name.EndsWith("_KEY", StringComparison.Ordinal) || name.Contains("_SECRET", StringComparison.Ordinal);

    [Fact]
    public void Azd_provisions_the_bicep_template_and_deploys_the_Functions_app()
    {
        var azureYaml = Repo.Read("azure.yaml");

        Assert.Matches(@"(?m)^infra:\n  provider: bicep\n  path: infra\n  module: main$", azureYaml);
        Assert.Matches(@"(?m)^services:\n  api:\n    project: \./src/Mouazara\.Functions\n    language: dotnet\n    host: function$", azureYaml);
        Assert.True(File.Exists(Repo.PathOf("src", "Mouazara.Functions", "Mouazara.Functions.csproj")));
        Assert.True(File.Exists(Repo.PathOf("infra", "main.bicep")));
        Assert.Contains("'azd-service-name': serviceName", Repo.Read("infra", "app", "api.bicep"), StringComparison.Ordinal);
        Assert.Contains("serviceName: 'api'", Repo.Read("infra", "main.bicep"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(:?[-=][^}]*)?\}")]
    private static partial Regex EnvironmentReference();
}
