using System.Net.Sockets;
using Azure;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mouazara.Http;

/// <summary>
/// The edge every route goes through, in both hosts: a failure to reach storage or the durable engine
/// becomes 503 with Retry-After, an oversized body 413, and anything else a logged 500 with no detail leaked.
/// Every answer but the health probe is <c>Cache-Control: no-store</c> and <c>Vary: Accept</c>.
/// </summary>
public static partial class Api
{
    public static async Task<IResult> Run(HttpContext http, Func<Task<IResult>> handler)
    {
        // Every answer but the health probe may carry personal data or a signed link: never kept by a cache, and
        // the page and the JSON of one URL (chosen by Accept) never mixed up by one.
        if (!http.Request.Path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Vary = "Accept";
        }

        try
        {
            return await handler();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            Log.Unavailable(Logger(http), e.GetType().Name, Route(http));
            return Problems.Unavailable("Please retry in a few seconds.");
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && IsTimedOut(e))
        {
            // Storage that accepts connections but never answers: the clients' network timeout gave up (Storage:NetworkTimeout).
            Log.Unavailable(Logger(http), e.GetType().Name, http.Request.Path);
            return Problems.Unavailable("Please retry in a few seconds.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge("The request body is larger than this route accepts.");
        }
        catch (BadHttpRequestException e)
        {
            // A body cut short or sent too slowly: the sender's fault, not ours.
            return Problems.Malformed("The request could not be read: " + e.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception e)
        {
            Log.Failed(Logger(http), e, Route(http));
            return Problems.Create(500, "internal", "Something went wrong on our side.", $"Trace id {http.TraceIdentifier}.");
        }
    }

    /// <summary>
    /// The request as logs may name it: its route template (<c>GET /api/status/{token}</c>), never the path, which holds a
    /// signed link's token on the applicant and reviewer routes.
    /// </summary>
    public static string Route(HttpContext http) =>
        http.Request.Method + " " + (http.GetEndpoint() is Microsoft.AspNetCore.Routing.RouteEndpoint endpoint
            ? endpoint.RoutePattern.RawText
            : Telemetry.TelemetryRedaction.Redact(http.Request.Path.Value ?? ""));

    static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Mouazara.Http");

    /// <summary>True for failures of the infrastructure, not of the request.</summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        RequestFailedException r => r.Status is 0 or 500 or 502 or 503 or 504 || r.InnerException is not null && IsUnavailable(r.InnerException),
        AggregateException a => a.InnerExceptions.Any(IsUnavailable),
        HttpRequestException => true,
        SocketException => true,
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded,
        TimeoutException => true,
        _ => e.InnerException is not null && IsUnavailable(e.InnerException),
    };

    /// <summary>A cancellation nobody asked for (the caller is still there): a storage or engine call that timed out, retries included.</summary>
    public static bool IsTimedOut(Exception e) => e switch
    {
        OperationCanceledException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsTimedOut),
        _ => false,
    };

    static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Storage or durable engine unreachable ({Kind}) serving {Route}")]
        public static partial void Unavailable(ILogger logger, string kind, string route);

        [LoggerMessage(2, LogLevel.Error, "Unhandled failure serving {Route}")]
        public static partial void Failed(ILogger logger, Exception exception, string route);
    }
}
