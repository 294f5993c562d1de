using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mouazara.StaffConsole;

namespace Mouazara.Functions.Http;

/// <summary>
/// The staff console's files under <c>/console/</c> (<see cref="ConsoleRoutes"/>). The host's route prefix is empty
/// for this one trigger's sake, which is why every API trigger spells <c>api/</c> in its route.
/// </summary>
public static class ConsoleFunctions
{
    [Function(nameof(ConsoleRoutes.Console))]
    public static Task<IActionResult> Console(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "console/{*path}")] HttpRequest req, string? path) =>
        Handle.With<ConsoleEndpoints>(req, h => Task.FromResult(h.Serve(req.HttpContext, path)));
}
