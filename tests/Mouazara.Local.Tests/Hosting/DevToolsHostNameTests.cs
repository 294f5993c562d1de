using System.Net;
using System.Text;
using Mouazara.Local.Tests.Support;

namespace Mouazara.Local.Tests.Hosting;

/// <summary>
/// DNS rebinding: a web page whose name resolves to 127.0.0.1 reaches the local host from a loopback address, but
/// with its own name in <c>Host</c>. The development tools answer only when called by a loopback name.
/// </summary>
public sealed class DevToolsHostNameTests(DevToolsHostNameTests.OneHost fixture) : IClassFixture<DevToolsHostNameTests.OneHost>
{
    /// <summary>One host for the seven cases, which only read: a host started per case was seven starts at the suite's peak.</summary>
    public sealed class OneHost : IAsyncLifetime
    {
        public LocalProcess Host { get; } = new();

        public Task InitializeAsync() => Host.StartAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    LocalProcess host => fixture.Host;

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string hostHeader, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Host = hostHeader;
        request.Headers.Accept.ParseAdd("application/json");
        return await host.Client.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("evil.example:7071")]
    [InlineData("evil.example")]
    [InlineData("localhost.evil.example:7071")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task A_loopback_caller_naming_another_host_is_refused_by_every_development_tool(string name)
    {
        var mail = new StringContent("{\"personalizations\":[{\"to\":[{\"email\":\"a@example.org\"}]}],\"from\":{\"email\":\"b@example.org\"},\"subject\":\"x\"}",
            Encoding.UTF8, "application/json");
        foreach (var (method, path, content) in new (HttpMethod, string, HttpContent?)[]
        {
            (HttpMethod.Get, "dev/token?role=staff", null),
            (HttpMethod.Get, "dev/outbox", null),
            (HttpMethod.Post, "v3/mail/send", mail),
            (HttpMethod.Get, "dev/runtime", null),
        })
        {
            using var response = await SendAsync(method, path, name, content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} /{path} as {name}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("eyJ", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task A_loopback_name_with_any_port_gets_a_token_and_the_outbox(string name)
    {
        using var token = await SendAsync(HttpMethod.Get, "dev/token?role=staff", $"{name}:{host.Port}");
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Contains("eyJ", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var outbox = await SendAsync(HttpMethod.Get, "dev/outbox", name);
        Assert.Equal(HttpStatusCode.OK, outbox.StatusCode);
    }
}
