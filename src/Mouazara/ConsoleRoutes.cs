using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Mouazara.StaffConsole;

namespace Mouazara;

/// <summary>
/// The staff console's static files, outside the API under <c>/console/</c>, in both hosts: the local host maps it with
/// <see cref="MapMouazaraConsole"/>, the Functions app has one trigger for it (its route prefix is empty, every API
/// trigger spells <c>api/</c> itself); a test holds both to this table.
/// </summary>
public static class ConsoleRoutes
{
    public static readonly ApiRoute Console = new(nameof(Console), "console/{*path}", ["GET", "HEAD"]);

    public static readonly IReadOnlyList<ApiRoute> All = [Console];

    public static IEndpointRouteBuilder MapMouazaraConsole(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/" + Console.Template, Console.Methods, (HttpContext c, ConsoleEndpoints h, string? path) => h.Serve(c, path)).WithName(Console.Name);
        return app;
    }
}
