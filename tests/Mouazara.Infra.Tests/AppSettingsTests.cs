using Mouazara.Documents;
using Mouazara.Email;
using Mouazara.Infra.Tests.Support;
using Mouazara.Intake;
using Mouazara.Security;
using Mouazara.Storage;

namespace Mouazara.Infra.Tests;

/// <summary>
/// The Function App's settings in infra/app/api.bicep against the configuration the code binds: nothing the app
/// reads in production is missing, and nothing the template sets is unknown to the app.
/// </summary>
public sealed class AppSettingsTests
{
    /// <summary>Settings the Functions platform reads, not the app's code, which the template must set; and why.</summary>
    static readonly IReadOnlyDictionary<string, string> Platform = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage__blobServiceUri"] = "Functions host storage and the durable backend, by identity (no connection string)",
        ["AzureWebJobsStorage__queueServiceUri"] = "the durable backend's control and work-item queues",
        ["AzureWebJobsStorage__tableServiceUri"] = "the durable backend's instance and history tables",
        ["AzureWebJobsStorage__credential"] = "managedidentity: the host authenticates with a managed identity",
        ["AzureWebJobsStorage__clientId"] = "which managed identity: the app's user-assigned one",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "where the host and worker send telemetry",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Entra ID authentication for telemetry; the resource refuses instrumentation keys",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__type"] =
            "the durable backend (host.json override): AzureStorage by default, azureManaged for the Durable Task Scheduler",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName"] =
            "the connection the durable backend uses: AzureWebJobsStorage, or the scheduler's below",
        ["DURABLE_TASK_SCHEDULER_CONNECTION_STRING"] = "the Durable Task Scheduler's endpoint and the identity that reaches it (empty on Azure Storage)",
        ["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"] = "the host's own request size limit (100 MB by default), raised above Intake__MaxBodyBytes",
    };

    static IEnumerable<string> BoundInProduction() =>
        AppConfiguration.BoundByTheApp().Select(s => s.Name).Where(n => !AppConfiguration.LocalOnly.ContainsKey(n));

    [Fact]
    public async Task Every_setting_the_app_binds_in_production_is_set_by_the_template()
    {
        var (_, settings) = ArmTemplate.FunctionAppSettings(await Bicep.MainTemplateAsync());

        var expected = BoundInProduction().Concat(AppConfiguration.HostJsonSettings()).Concat(Platform.Keys).Distinct();
        var missing = expected.Where(name => !settings.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0,
            $"infra/app/api.bicep does not set {string.Join(", ", missing)}. Set each in its appsettings resource (a secret as a Key Vault " +
            "reference), or, if it is for local development only, add it to AppConfiguration.LocalOnly with the reason.");
    }

    [Fact]
    public async Task The_template_sets_no_setting_the_app_does_not_read()
    {
        var (_, settings) = ArmTemplate.FunctionAppSettings(await Bicep.MainTemplateAsync());

        var known = AppConfiguration.BoundByTheApp().Select(s => s.Name).Concat(AppConfiguration.HostJsonSettings()).Concat(Platform.Keys)
            .ToHashSet(StringComparer.Ordinal);
        var unknown = settings.Keys.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal).ToList();

        Assert.True(unknown.Count == 0,
            $"infra/app/api.bicep sets {string.Join(", ", unknown)}, which no options class bound by AddMouazara, no host.json placeholder " +
            "and no platform setting reads. Remove it, or bind it in the code (or allow-list a platform setting here, with the reason).");
    }

    [Fact]
    public async Task Settings_for_local_development_are_never_set_in_production()
    {
        var (_, settings) = ArmTemplate.FunctionAppSettings(await Bicep.MainTemplateAsync());

        var localOnly = settings.Keys
            .Where(name => AppConfiguration.LocalOnly.ContainsKey(name) || name.StartsWith(AppConfiguration.LocalHostPrefix, StringComparison.Ordinal))
            .Select(name => AppConfiguration.LocalOnly.TryGetValue(name, out var why) ? $"{name} ({why})" : name)
            .ToList();

        Assert.True(localOnly.Count == 0, $"infra/app/api.bicep sets local-only settings: {string.Join("; ", localOnly)}.");
    }

    [Fact]
    public async Task Secrets_reach_the_app_only_as_Key_Vault_references()
    {
        var (template, settings) = ArmTemplate.FunctionAppSettings(await Bicep.MainTemplateAsync());

        var secrets = settings.Where(s => AppConfiguration.IsSecret(s.Key)).ToList();
        var literal = secrets.Where(s => !ArmTemplate.Produces(template, s.Value, "@Microsoft.KeyVault(VaultName=")).Select(s => s.Key).ToList();

        Assert.Contains(secrets, s => s.Key == "Links__SigningKey");
        Assert.Contains(secrets, s => s.Key == "Email__SendGridApiKey");
        Assert.Contains(secrets, s => s.Key == "Intake__Secrets__generic");
        Assert.True(literal.Count == 0, $"Not read from Key Vault: {string.Join(", ", literal)}.");
    }

    [Fact]
    public void The_setting_names_derived_from_the_option_classes_are_the_ones_the_app_binds()
    {
        var types = AppConfiguration.OptionsTypes();
        Assert.Subset(types.ToHashSet(),
            new HashSet<Type> { typeof(StorageOptions), typeof(LinkOptions), typeof(AuthOptions), typeof(EmailOptions), typeof(IntakeOptions), typeof(DocumentOptions) });

        Assert.Empty(AppConfiguration.SettingsThatDoNotBind());
    }

    [Fact]
    public void Every_setting_listed_as_local_only_is_one_the_app_binds()
    {
        var bound = AppConfiguration.BoundByTheApp().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        var stale = AppConfiguration.LocalOnly.Keys.Where(name => !bound.Contains(name)).ToList();

        Assert.True(stale.Count == 0, $"AppConfiguration.LocalOnly names settings the app no longer binds: {string.Join(", ", stale)}.");
    }
}
