using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Http;
using Mouazara.Local.Tests.Support;
using Mouazara.Security;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Hosting;

public sealed class LocalHostSafetyTests
{
    [Fact]
    public async Task The_local_host_refuses_to_start_on_an_address_other_machines_can_reach()
    {
        await using var host = new LocalProcess();
        host.Environment["Local__ListenAddress"] = "0.0.0.0";
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("exited with 2", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not a loopback address", host.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The product's handlers wired as the hosts wire them, but with storage that does not answer: callers get 503
    /// with Retry-After, never a 500, and a form provider is told to come back.
    /// </summary>
    [Fact]
    public async Task When_storage_does_not_answer_every_route_says_503_with_retry_after()
    {
        var settings = new Dictionary<string, string?>
        {
            // An account on a port where nothing listens: its key is never checked.
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                + $"AccountKey={Convert.ToBase64String(new byte[64])};"
                + "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            ["Links:SigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Links:PublicBaseUrl"] = "http://localhost/",
            ["Auth:DevSigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Auth:AllowDevelopmentTokens"] = "true",
            ["Email:SendGridApiKey"] = "SG.test",
            ["Email:FromAddress"] = "mouazara@example.org",
            ["Intake:Secrets:generic"] = "secret",
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddMouazara(builder.Configuration);
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(GrpcChannel.ForAddress("http://127.0.0.1:9")));
        await using var app = builder.Build();
        app.UseApiProblemStatusPages();
        app.MapMouazaraApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new MouazaraClient(new Uri(address + "/"), "secret") { RetryWhenBusy = false };

        using var health = await client.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.True(health.Headers.Contains("Retry-After"));

        var staff = BearerAuthenticator.MintDevelopmentToken(settings["Auth:DevSigningKey"]!, "api://mouazara", Roles.Staff, "staff", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
        using var read = await client.SendAsync(HttpMethod.Get, "api/applications/MZ-0123456789AB", staff);
        await AssertUnavailableAsync(read);

        using var intake = await client.SubmitAsync(TestSubmissions.Bytes(TestSubmissions.Build("demo", "storage-down", ["statutes"])));
        await AssertUnavailableAsync(intake);

        using var edition = await client.SendAsync(HttpMethod.Put, "api/editions/demo", staff, JsonContent.Create(new JsonObject()));
        Assert.Equal(HttpStatusCode.BadRequest, edition.StatusCode);
    }

    static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter is not null, "Retry-After is missing");
        Assert.Contains("urn:mouazara:problem:storage-unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
