using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Http;

namespace Mouazara.Functions.Http;

static class Handle
{
    /// <summary>
    /// Runs one library handler, resolved from the request's services, behind the same edge as the local host
    /// (<see cref="Api.Run"/>: unreachable storage 503, oversized body 413, anything else a logged 500).
    /// </summary>
    public static async Task<IActionResult> With<THandler>(HttpRequest request, Func<THandler, Task<IResult>> handle)
        where THandler : notnull
    {
        var http = request.HttpContext;
        return new ResultActionResult(await Api.Run(http, () => handle(http.RequestServices.GetRequiredService<THandler>())));
    }
}
