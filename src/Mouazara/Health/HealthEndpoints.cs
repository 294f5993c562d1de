using Microsoft.AspNetCore.Http;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Storage;

namespace Mouazara.Health;

/// <summary><c>GET /api/health</c>: alive, and whether tables and blobs answer within a few seconds.</summary>
public sealed class HealthEndpoints(MouazaraStorage storage)
{
    public async Task<IResult> GetAsync(HttpContext http)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var tables = await ProbeAsync(async token =>
        {
            await foreach (var _ in storage.Editions.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: token).AsPages())
            {
                break;
            }
        }, timeout.Token);
        var blobs = await ProbeAsync(token => storage.DocumentFiles.ExistsAsync(token), timeout.Token);
        var healthy = tables && blobs;
        var body = new
        {
            status = healthy ? "healthy" : "degraded",
            storage = new { tables = tables ? "reachable" : "unreachable", blobs = blobs ? "reachable" : "unreachable" },
        };
        if (!healthy)
        {
            http.Response.Headers.RetryAfter = "10";
        }

        return TypedResults.Json(body, Json.Options, statusCode: healthy ? 200 : 503);
    }

    static async Task<bool> ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken token)
    {
        try
        {
            await probe(token);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException || Api.IsUnavailable(e) || e is Azure.RequestFailedException)
        {
            return false;
        }
    }
}
