using System.Text.Json.Nodes;
using Mouazara.Infra.Tests.Support;

namespace Mouazara.Infra.Tests;

/// <summary>
/// The durable backend as a deployment choice: Azure Storage unless durableBackend says durableTaskScheduler, which
/// provisions the scheduler and its task hub, gives the app's identity its data role there, and switches the app.
/// </summary>
public sealed class DurableBackendTests
{
    const string DurableTaskDataContributor = "0ad04412-c4d5-4796-b79c-f76d14c8d402";

    [Fact]
    public async Task Azure_Storage_stays_the_default_and_the_scheduler_exists_only_when_chosen()
    {
        var root = await Bicep.MainTemplateAsync();

        var parameter = root["parameters"]!["durableBackend"]!;
        Assert.Equal("azureStorage", (string?)parameter["defaultValue"]);
        Assert.Equal(["azureStorage", "durableTaskScheduler"], parameter["allowedValues"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("[equals(parameters('durableBackend'), 'durableTaskScheduler')]", (string?)root["variables"]?["useScheduler"]);

        var module = Assert.Single(ArmTemplate.Resources(root), r => (string?)r["name"] == "scheduler");
        Assert.Equal("[variables('useScheduler')]", (string?)module["condition"]);
        Assert.Equal("[parameters('taskHubName')]", (string?)module["properties"]!["parameters"]!["taskHubName"]!["value"]);
    }

    [Fact]
    public async Task The_scheduler_keeps_the_task_hub_name_and_is_reached_by_the_apps_identity_alone()
    {
        var root = await Bicep.MainTemplateAsync();

        var (template, scheduler) = Assert.Single(ArmTemplate.ResourcesOfType(root, "Microsoft.DurableTask/schedulers"));
        // An empty allow-list refuses every caller; access is decided by the role below, not by network address.
        Assert.NotEmpty(scheduler["properties"]!["ipAllowlist"]!.AsArray());
        var (_, hub) = Assert.Single(ArmTemplate.ResourcesOfType(root, "Microsoft.DurableTask/schedulers/taskHubs"));
        Assert.Contains("parameters('taskHubName')", (string?)hub["name"], StringComparison.Ordinal);

        var roles = ArmTemplate.Resources(template)
            .Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments")
            .ToList();
        var app = Assert.Single(roles, r => r["condition"] is null);
        Assert.Contains("Microsoft.DurableTask/schedulers", (string?)app["scope"], StringComparison.Ordinal);
        Assert.Contains("variables('durableTaskDataContributor')", (string?)app["properties"]!["roleDefinitionId"], StringComparison.Ordinal);
        Assert.Contains("userAssignedIdentities", (string?)app["properties"]!["principalId"], StringComparison.Ordinal);
        Assert.Equal(DurableTaskDataContributor, (string?)template["variables"]!["durableTaskDataContributor"]);
    }

    [Fact]
    public async Task The_app_settings_switch_the_backend_and_use_the_identity_without_a_key()
    {
        var (template, settings) = ArmTemplate.FunctionAppSettings(await Bicep.MainTemplateAsync());

        var type = settings["AzureFunctionsJobHost__extensions__durableTask__storageProvider__type"];
        Assert.True(ArmTemplate.Produces(template, type, "azureManaged") && ArmTemplate.Produces(template, type, "AzureStorage"), type);
        var connection = settings["AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName"];
        Assert.True(ArmTemplate.Produces(template, connection, "DURABLE_TASK_SCHEDULER_CONNECTION_STRING"), connection);

        var scheduler = settings["DURABLE_TASK_SCHEDULER_CONNECTION_STRING"];
        Assert.Contains("Authentication=ManagedIdentity", scheduler, StringComparison.Ordinal);
        Assert.Contains("parameters('identityClientId')", scheduler, StringComparison.Ordinal);
        Assert.DoesNotContain("AccessKey", scheduler, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_deployment_parameters_let_azd_choose_the_backend()
    {
        var given = JsonNode.Parse(Repo.Read("infra", "main.parameters.json"))!["parameters"]!.AsObject();

        Assert.Equal("${MOUAZARA_DURABLE_BACKEND:-azureStorage}", (string?)given["durableBackend"]?["value"]);
    }
}
