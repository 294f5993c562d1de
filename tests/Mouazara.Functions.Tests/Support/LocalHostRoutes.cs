using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;

namespace Mouazara.Functions.Tests.Support;

/// <summary>
/// The local host's route table, read the way ASP.NET Core serves it: an app with the product's services (configured
/// from the committed sample settings) and a durable client registration, <see cref="ApiRoutes.MapMouazaraApi"/>
/// called, its endpoints read back. Nothing is started, nothing is reached.
/// </summary>
static class LocalHostRoutes
{
    const string Prefix = "/api/";

    public static IReadOnlyList<ServedRoute> Read() => Read(app => app.MapMouazaraApi(), Prefix);

    /// <summary>The console's routes as the local host maps them, under /.</summary>
    public static IReadOnlyList<ServedRoute> ReadConsole() => Read(app => app.MapMouazaraConsole(), "/");

    static IReadOnlyList<ServedRoute> Read(Action<WebApplication> map, string prefix)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(Repo.SampleSettings());
        builder.Services.AddMouazara(builder.Configuration);
        // The handlers take a DurableTaskClient from services; registered (never resolved) so it binds as one.
        builder.Services.AddDurableTaskClient(_ => { });
        using var app = builder.Build();
        map(app);

        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Select(e =>
        {
            var pattern = e.RoutePattern.RawText ?? throw new InvalidOperationException($"Endpoint {e.DisplayName} has no route text.");
            Assert.StartsWith(prefix, pattern, StringComparison.Ordinal);
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
                ?? throw new InvalidOperationException($"Endpoint {pattern} accepts any method.");
            return ServedRoute.Of(e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, pattern[prefix.Length..], methods);
        }).ToList();
    }
}
