using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mouazara.Functions.Tests.Support;

namespace Mouazara.Functions.Tests;

/// <summary>
/// The adapters resolve handlers from the request's services and create activities from the invocation's services;
/// both must be constructible from what the worker registers (Program.cs: the Functions web application plus
/// AddMouazara), configured here from the committed sample settings. Nothing is started or reached.
/// </summary>
public sealed class ServiceWiringTests : IDisposable
{
    readonly IHost host = new HostBuilder()
        .ConfigureAppConfiguration(c => c.AddInMemoryCollection(Repo.SampleSettings()))
        .ConfigureFunctionsWebApplication()
        .ConfigureServices((context, services) => services.AddMouazara(context.Configuration))
        .Build();

    public static TheoryData<Type> Activities() => [.. MouazaraTasks.Activities];

    public static TheoryData<Type> Handlers() =>
    [
        .. typeof(ApiRoutes).Assembly.GetTypes().Where(t => t.IsClass && t.Name.EndsWith("Endpoints", StringComparison.Ordinal) && t.Namespace != typeof(ApiRoutes).Namespace),
    ];

    [Theory]
    [MemberData(nameof(Handlers))]
    public void Every_http_handler_resolves_from_the_workers_services(Type handler)
    {
        using var scope = host.Services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService(handler));
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public void Every_activity_can_be_created_from_the_workers_services(Type activity)
    {
        using var scope = host.Services.CreateScope();
        Assert.IsType(activity, ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, activity));
    }

    public void Dispose() => host.Dispose();
}
