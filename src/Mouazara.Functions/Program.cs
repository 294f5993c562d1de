using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mouazara;
using Mouazara.Http;
using Mouazara.Telemetry;

// The Azure Functions isolated worker, with ASP.NET Core integration so the library's HTTP handlers see a real HttpContext.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication()
    // Everything the product needs, exactly as the local host registers it; the functions in Http/ and Durable/ only adapt.
    .ConfigureServices((context, services) => services.AddMouazara(context.Configuration))
    // Traces, metrics and logs through OpenTelemetry, to Application Insights on Azure, correlated with the Functions host's.
    .ConfigureServices((context, services) => services.AddMouazaraTelemetry(context.Configuration, "mouazara-functions", otel => otel.UseFunctionsWorkerDefaults()))
    // Deliveries with inline files exceed Kestrel's 30 MB default; the app caps bodies itself (Intake:MaxBodyBytes, 90 MB),
    // within the Functions host's own limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT, 100 MB by default).
    .ConfigureServices(services => services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes))
    .Build();

host.Run();
