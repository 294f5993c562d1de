using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Mouazara.Security;
using Mouazara.StaffConsole;

namespace Mouazara.Tests.StaffConsole;

/// <summary>What the console's files are served with: how to sign in, and a content security policy allowing no more than it needs.</summary>
public sealed class ConsoleEndpointsTests
{
    static ConsoleEndpoints Endpoints(bool development, ConsoleOptions? console = null) => new(
        Options.Create(new AuthOptions
        {
            Authority = development ? null : "https://login.microsoftonline.com/tenant-1/v2.0",
            Audience = "client-1",
            AllowDevelopmentTokens = development,
            DevSigningKey = development ? "key" : null,
        }),
        Options.Create(console ?? new ConsoleOptions()));

    static (IResult Result, HttpContext Http) Serve(ConsoleEndpoints endpoints, string path, string? file)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        return (endpoints.Serve(http, file), http);
    }

    [Fact]
    public void On_Azure_the_console_signs_in_with_the_APIs_own_registration_and_may_reach_Entra_ID_only()
    {
        var config = Endpoints(development: false).Config();
        Assert.Equal(new ConsoleConfig("entra", "client-1", "https://login.microsoftonline.com/tenant-1", "api://client-1/Mouazara.Access"), config);
        Assert.Equal("other", Endpoints(false, new ConsoleOptions { ClientId = "other" }).Config().ClientId);

        var (_, http) = Serve(Endpoints(development: false), "/console/", "");
        var csp = http.Response.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://login.microsoftonline.com;", csp, StringComparison.Ordinal);
        Assert.Contains("frame-src https://login.microsoftonline.com;", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
    }

    [Fact]
    public void Locally_the_console_uses_development_tokens_and_talks_to_its_own_origin_only()
    {
        Assert.Equal("development", Endpoints(development: true).Config().Mode);
        var (_, http) = Serve(Endpoints(development: true), "/console/", "");
        var csp = http.Response.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-src 'none';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("microsoftonline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", http.Response.Headers.XContentTypeOptions.ToString());
    }

    [Fact]
    public void The_page_and_its_assets_are_served_from_the_library_and_nothing_else_is()
    {
        var endpoints = Endpoints(development: true);
        Assert.True(ConsoleEndpoints.IsBuilt, "The console was not embedded: run `npm ci` before building.");
        Assert.Equal("text/html; charset=utf-8", Assert.IsType<FileStreamHttpResult>(Serve(endpoints, "/console/", null).Result).ContentType);
        Assert.Equal("text/javascript; charset=utf-8", Assert.IsType<FileStreamHttpResult>(Serve(endpoints, "/console/app.js", "app.js").Result).ContentType);
        Assert.Equal("/console/", Assert.IsType<RedirectHttpResult>(Serve(endpoints, "/console", null).Result).Url);
        foreach (var missing in new[] { "nope.js", "../Mouazara.dll", "app.exe", "index.html/../app.js" })
        {
            Assert.Equal(404, Assert.IsAssignableFrom<IStatusCodeHttpResult>(Serve(endpoints, "/console/" + missing, missing).Result).StatusCode);
        }
    }
}
