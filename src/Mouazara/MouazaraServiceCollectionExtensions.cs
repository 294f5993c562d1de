using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mouazara.Applications;
using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Disbursement.Agreements;
using Mouazara.Disbursement.Reports;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Health;
using Mouazara.Intake;
using Mouazara.Intake.Fetching;
using Mouazara.Intake.Inbox;
using Mouazara.Intake.Mapping;
using Mouazara.Lifecycle;
using Mouazara.Security;
using Mouazara.Selection;
using Mouazara.StaffConsole;
using Mouazara.Storage;
using SendGrid;

namespace Mouazara;

public static class MouazaraServiceCollectionExtensions
{
    /// <summary>Everything the product needs, the same in the Functions app and the local host.</summary>
    public static IServiceCollection AddMouazara(this IServiceCollection services, IConfiguration configuration)
    {
        // Options, validated when the host starts rather than on the first request that needs them.
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.ConnectionString is not null || (o.BlobServiceUri is not null && o.TableServiceUri is not null),
                "Set Storage:ConnectionString, or Storage:BlobServiceUri and Storage:TableServiceUri.")
            .ValidateOnStart();
        services.AddOptions<LinkOptions>().Bind(configuration.GetSection(LinkOptions.Section)).ValidateDataAnnotations()
            .Validate(o => Resolved(o.SigningKey) && Resolved(o.PreviousSigningKey), UnresolvedSecret).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LinkOptions>>(new SettingsCheck<LinkOptions>(o =>
            SecretSettings.Single("Links:SigningKey", o.SigningKey).Concat(SecretSettings.Single("Links:PreviousSigningKey", o.PreviousSigningKey))));
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateDataAnnotations()
            .Validate(o => Resolved(o.SendGridApiKey), UnresolvedSecret).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>>(new SettingsCheck<EmailOptions>(o => SecretSettings.Single("Email:SendGridApiKey", o.SendGridApiKey)));
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Authority) || !string.IsNullOrWhiteSpace(o.DevSigningKey),
                "Set Auth:Authority (Entra ID) or, for local development only, Auth:DevSigningKey.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(new SettingsCheck<AuthOptions>(o =>
            DevelopmentTokenProblems(o, RunsOnAzure(configuration)).Concat(SecretSettings.Single("Auth:DevSigningKey", o.DevSigningKey))));
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section))
            .Validate(o => o.Secrets.Values.All(Resolved) && o.ApiKeys.Values.All(Resolved), UnresolvedSecret)
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxUnverifiedBytes >= o.MaxBodyBytes,
                "Intake:MaxUnverifiedBytes must be at least Intake:MaxBodyBytes, or the largest deliveries could never be received.")
            .Validate(o => o.StartsPerSecond >= 0 && o.StartBurst >= 1,
                "Intake:StartsPerSecond must be 0 (no pacing) or more, and Intake:StartBurst at least 1.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>>(new SettingsCheck<IntakeOptions>(o =>
            o.Secrets.SelectMany(s => SecretSettings.Rotating($"Intake:Secrets:{s.Key}", s.Value, credentials: s.Key == "kobo"))
                .Concat(o.ApiKeys.SelectMany(k => SecretSettings.Single($"Intake:ApiKeys:{k.Key}", k.Value)))));
        services.AddSingleton<UnverifiedBytesBudget>();
        services.AddSingleton<IntakePacer>();
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.Section));
        services.AddSingleton(TimeProvider.System);
        // ASP.NET Core's request lines and the logging scope it opens for every request carry the raw path, and with it a
        // signed link's token; the request spans (route templates, redacted paths) say the same without the secret.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));

        // Storage clients: one pair for the process, keyless on Azure (managed identity).
        services.AddSingleton(sp => CreateTables(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => CreateBlobs(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<MouazaraStorage>();
        services.AddSingleton<StorageLocks>();

        // Email through SendGrid's own client; the local host points its Host at the development sink.
        services.AddHttpClient(nameof(SendGridClient))
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<EmailOptions>>().Value.SendTimeout);
        services.AddSingleton<ISendGridClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            var client = new SendGridClientOptions { ApiKey = options.SendGridApiKey };
            if (!string.IsNullOrWhiteSpace(options.SendGridHost))
            {
                client.Host = options.SendGridHost;
            }

            return new SendGridClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SendGridClient)), client);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            return new EmailFrom(options.FromAddress, options.FromName);
        });
        services.AddSingleton<EmailSender>();

        // The product's own services, by feature.
        services.AddSingleton<LinkTokens>();
        services.AddSingleton<SignedLinks>();
        services.AddSingleton<BearerAuthenticator>();
        services.AddSingleton<EditionStore>();
        services.AddSingleton<ApplicationStore>();
        services.AddSingleton<IndicatorFactStore>();
        services.AddSingleton<ApplicationReader>();
        services.AddSingleton<IApplicantNotifier, ApplicantNotifier>();
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<DocumentAccess>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<RevisionStore>();
        services.AddSingleton<ReviewerTasks>();
        services.AddSingleton<IEditionSaved, ReviewerDigestStarter>();
        services.AddSingleton<TrancheStore>();
        services.AddSingleton<SelectionStore>();
        services.AddSingleton<IEditionSaved, SelectionRoundStarter>();
        services.AddSingleton<Panels>();
        services.AddSingleton<IEditionSaved, PanelMemberRemovals>();
        services.AddSingleton<DocumentChecklist>();
        services.AddSingleton<IntakeService>();
        services.AddSingleton<DeliveryInbox>();
        services.AddSingleton<MappingStore>();
        services.AddSingleton<SafeFileFetcher>();
        services.AddSingleton<ReportMailer>();
        services.AddSingleton<AgreementPreparer>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportFormMailer>();
        services.AddSingleton<IReportForms, ReportForms>();

        // HTTP handlers, called by both hosts.
        services.AddSingleton<HealthEndpoints>();
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section));
        services.AddSingleton<ConsoleEndpoints>();
        services.AddSingleton<IntakeEndpoints>();
        services.AddSingleton<DeliveryEndpoints>();
        services.AddSingleton<ApplicationEndpoints>();
        services.AddSingleton<StatusEndpoints>();
        services.AddSingleton<UploadEndpoints>();
        services.AddSingleton<ReviewEndpoints>();
        services.AddSingleton<EvaluationEndpoints>();
        services.AddSingleton<RevisionEndpoints>();
        services.AddSingleton<ReviewerEndpoints>();
        services.AddSingleton<ConflictEndpoints>();
        services.AddSingleton<StaffActions>();
        services.AddSingleton<ReassignEndpoints>();
        services.AddSingleton<ReleaseEndpoints>();
        services.AddSingleton<FinanceDeskEndpoints>();
        services.AddSingleton<ReportEndpoints>();
        services.AddSingleton<EditionEndpoints>();
        services.AddSingleton<SelectionEndpoints>();
        services.AddSingleton<SuspensionEndpoints>();
        services.AddSingleton<AgreementEndpoints>();
        services.AddSingleton<WithdrawalEndpoints>();
        services.AddSingleton<DownloadEndpoints>();
        services.AddSingleton<ApiDescriptionEndpoints>();
        services.AddSingleton<Indicators.IndicatorEndpoints>();
        services.AddSingleton<Indicators.ExportEndpoints>();
        return services;
    }

    /// <summary>True in App Service and Azure Functions, which set these for every app they run.</summary>
    public static bool RunsOnAzure(IConfiguration configuration) =>
        new[] { "WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME" }.Any(name =>
            !string.IsNullOrEmpty(configuration[name]) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));

    /// <summary>
    /// The development signing key is in the repository: tokens signed with it are accepted only on a run that says it
    /// is local development, and never on Azure, where its mere presence stops the start.
    /// </summary>
    static IEnumerable<string> DevelopmentTokenProblems(AuthOptions o, bool azure)
    {
        var devKey = !string.IsNullOrWhiteSpace(o.DevSigningKey);
        if (azure && (devKey || o.AllowDevelopmentTokens))
        {
            yield return "Auth:DevSigningKey or Auth:AllowDevelopmentTokens is set on Azure (WEBSITE_INSTANCE_ID/WEBSITE_SITE_NAME present): " +
                "development tokens are never accepted there. Remove both settings and set Auth:Authority (Entra ID).";
        }
        else if (devKey && !o.AllowDevelopmentTokens)
        {
            yield return "Auth:DevSigningKey is set but Auth:AllowDevelopmentTokens is not true: tokens signed with the development key are " +
                "accepted only on a local development run. Remove Auth:DevSigningKey, or set Auth:AllowDevelopmentTokens=true on a developer's machine only.";
        }
    }

    const string UnresolvedSecret = "A secret setting still holds its Key Vault reference: the app cannot read the vault (identity, role or secret name).";

    /// <summary>
    /// An unresolved Key Vault reference reaches the app as its literal text, which anyone could sign with;
    /// refuse to start instead.
    /// </summary>
    static bool Resolved(string? value) => value is null || !value.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    static T Configure<T>(StorageOptions o, T options)
        where T : ClientOptions
    {
        // Bounded so that storage that hangs becomes a 503 with Retry-After in about half a minute, not minutes (docs/reliability.md).
        options.Retry.MaxRetries = o.MaxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(400);
        options.Retry.NetworkTimeout = o.NetworkTimeout;
        options.AddPolicy(new StorageRequestCounter("product", options), HttpPipelinePosition.PerRetry); // requests by service and operation (docs/performance.md)
        return options;
    }

    static TableServiceClient CreateTables(StorageOptions o) => o.ConnectionString is not null
        ? new TableServiceClient(o.ConnectionString, Configure(o, new TableClientOptions()))
        : new TableServiceClient(o.TableServiceUri!, Credential(o), Configure(o, new TableClientOptions()));

    static BlobServiceClient CreateBlobs(StorageOptions o) => o.ConnectionString is not null
        ? new BlobServiceClient(o.ConnectionString, Configure(o, new BlobClientOptions()))
        : new BlobServiceClient(o.BlobServiceUri!, Credential(o), Configure(o, new BlobClientOptions()));

    static TokenCredential Credential(StorageOptions o) =>
        string.IsNullOrWhiteSpace(o.ClientId) ? new DefaultAzureCredential() : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ClientId));
}
