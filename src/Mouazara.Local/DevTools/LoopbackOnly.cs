using System.Net;

namespace Mouazara.Local.DevTools;

/// <summary>
/// The development tools answer this machine only: a loopback caller that asked for this host by a loopback name.
/// The name matters because a web page whose own name resolves to 127.0.0.1 (DNS rebinding) reaches us from a
/// loopback address, but with its name in <c>Host</c>.
/// </summary>
public static class LoopbackOnly
{
    static readonly string[] Names = ["localhost", "127.0.0.1", "[::1]"];

    public static RouteGroupBuilder RequireLoopback(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip))
            {
                return Results.Problem(statusCode: 403, title: "Development tools answer loopback callers only.");
            }

            return IsLoopbackName(http.Request.Host)
                ? await next(context)
                : Results.Problem(statusCode: 403, title: "Development tools answer only when called as localhost, 127.0.0.1 or [::1].");
        });

    /// <summary>True for <c>localhost</c>, <c>127.0.0.1</c> or <c>[::1]</c>, with any port.</summary>
    public static bool IsLoopbackName(HostString host) =>
        host.HasValue && Names.Contains(host.Host, StringComparer.OrdinalIgnoreCase);
}
