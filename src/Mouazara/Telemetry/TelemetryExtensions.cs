using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mouazara.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: traces (HTTP in and out, the durable engine's orchestration and activity spans,
/// Azure SDK calls, the product's own), metrics and logs. Azure Monitor when its connection string is set, OTLP
/// when an endpoint is set, the console when Telemetry:Console is true; nothing at all when none of them is.
/// </summary>
public static class TelemetryExtensions
{
    public static IServiceCollection AddMouazaraTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<OpenTelemetryBuilder>? host = null)
    {
        var azureMonitor = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var otlp = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var console = configuration.GetValue<bool>("Telemetry:Console");
        if (azureMonitor is null && otlp is null && !console)
        {
            // Nowhere to send them: spans for every storage call (the engine polls many times a second) would cost CPU for nothing.
            return services;
        }

        var credential = ManagedIdentity(configuration);

        // Azure SDK clients emit spans only when asked to.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(MouazaraTelemetry.SourceName, "Microsoft.DurableTask", "Azure.*")
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.RecordException = true;
                        // The local host's durable sidecar is plumbing, not the product's traffic.
                        o.Filter = http => !http.Request.Path.StartsWithSegments("/TaskHubSidecarService");
                    })
                    // Calls made for a request or an activity are kept; the storage engine's own idle polling (no parent) is not.
                    .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request =>
                        System.Diagnostics.Activity.Current is not null && request.RequestUri?.AbsolutePath.StartsWith("/TaskHubSidecarService", StringComparison.Ordinal) != true)
                    .AddProcessor(new TelemetryRedaction());
                if (azureMonitor is not null)
                {
                    tracing.AddAzureMonitorTraceExporter(o => Configure(o, azureMonitor, credential));
                }

                if (otlp is not null)
                {
                    tracing.AddOtlpExporter();
                }

                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. MouazaraTelemetry.Meters]).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (azureMonitor is not null)
                {
                    metrics.AddAzureMonitorMetricExporter(o => Configure(o, azureMonitor, credential));
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter();
                }

                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            })
            .WithLogging(logging =>
            {
                if (azureMonitor is not null)
                {
                    logging.AddAzureMonitorLogExporter(o => Configure(o, azureMonitor, credential));
                }

                if (otlp is not null)
                {
                    logging.AddOtlpExporter();
                }

                if (console)
                {
                    logging.AddConsoleExporter();
                }
            });
        host?.Invoke(builder);
        services.Configure<OpenTelemetryLoggerOptions>(o => o.IncludeScopes = false);
        return services;
    }

    static void Configure(AzureMonitorExporterOptions options, string connectionString, Azure.Core.TokenCredential? credential)
    {
        options.ConnectionString = connectionString;
        options.Credential = credential;
    }

    /// <summary>Application Insights with local authentication off takes Entra tokens from the app's managed identity.</summary>
    static Azure.Core.TokenCredential? ManagedIdentity(IConfiguration configuration)
    {
        var authentication = configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];
        if (string.IsNullOrEmpty(authentication) || !authentication.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var clientId = authentication.Split(';').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0].Trim() == "ClientId")?[1];
        return clientId is null ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned) : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
