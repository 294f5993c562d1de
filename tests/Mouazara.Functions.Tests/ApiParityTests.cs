using System.Text.Json;
using Mouazara.Functions.Tests.Support;

namespace Mouazara.Functions.Tests;

/// <summary>
/// The Functions app and the local host serve the same HTTP surface: the routes and methods in the generated
/// functions.metadata equal the local host's route table, and both equal <see cref="ApiRoutes.All"/>.
/// </summary>
public class ApiParityTests
{
    const string ApiPrefix = "api/";

    static readonly HashSet<string> ConsoleNames = ConsoleRoutes.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The API's functions, their routes read under /api like the table's (the host's own prefix is empty).</summary>
    static IReadOnlyList<ServedRoute> FunctionRoutes() => FunctionsMetadata.WithTrigger("httpTrigger")
        .Where(f => !ConsoleNames.Contains(f.Name))
        .Select(f => ServedRoute.Of(f.Name, (f.Trigger!.Route ?? "").StartsWith(ApiPrefix, StringComparison.Ordinal) ? f.Trigger.Route![ApiPrefix.Length..] : "(not under api/) " + f.Trigger.Route, f.Trigger.Methods))
        .ToList();

    static IReadOnlyList<ServedRoute> TableRoutes() => ApiRoutes.All.Select(ServedRoute.Of).ToList();

    [Fact]
    public void Every_api_route_has_a_function_with_the_same_route_and_methods()
    {
        var functions = FunctionRoutes().ToDictionary(r => r.Name!, StringComparer.Ordinal);
        var problems = TableRoutes()
            .Select(route => !functions.TryGetValue(route.Name!, out var function) ? $"{route.Name}: no HTTP function of that name"
                : function.Key != route.Key ? $"{route.Name}: the route is {route.Key}, the function serves {function.Key}"
                : null)
            .OfType<string>()
            .ToList();
        Assert.True(problems.Count == 0, $"In {FunctionsMetadata.Path}:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Every_http_function_is_a_route_of_the_api_table()
    {
        var names = ApiRoutes.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(FunctionRoutes(), f => Assert.True(names.Contains(f.Name!), $"HTTP function {f} is not in ApiRoutes.All."));
        RouteTable.AssertSame(TableRoutes(), "ApiRoutes.All", FunctionRoutes(), "functions.metadata");
    }

    [Fact]
    public void The_functions_app_serves_exactly_the_local_hosts_routes_and_methods()
    {
        RouteTable.AssertSame(LocalHostRoutes.Read(), "the local host", FunctionRoutes(), "functions.metadata");
    }

    [Fact]
    public void The_local_host_serves_exactly_the_api_route_table()
    {
        RouteTable.AssertSame(TableRoutes(), "ApiRoutes.All", LocalHostRoutes.Read(), "the local host");
    }

    [Fact]
    public void Every_http_function_is_anonymous_because_the_library_authenticates()
    {
        // Webhook signatures, signed links and bearer tokens are checked by the handlers; a function key would lock out the form provider.
        Assert.All(FunctionsMetadata.WithTrigger("httpTrigger"),
            f => Assert.True(string.Equals(f.Trigger!.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase), $"{f.Name} is {f.Trigger.AuthLevel}."));
    }

    [Fact]
    public void The_functions_app_serves_its_routes_under_api_like_the_local_host()
    {
        // The prefix is empty so the console can live at /console/; every API trigger spells api/ itself.
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.FunctionsOutput, "host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.All(FunctionsMetadata.WithTrigger("httpTrigger").Where(f => !ConsoleNames.Contains(f.Name)),
            f => Assert.StartsWith(ApiPrefix, f.Trigger!.Route ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void The_console_is_served_under_console_by_the_functions_app_as_by_the_local_host()
    {
        var functions = FunctionsMetadata.WithTrigger("httpTrigger").Where(f => ConsoleNames.Contains(f.Name))
            .Select(f => ServedRoute.Of(f.Name, f.Trigger!.Route ?? "", f.Trigger.Methods));
        RouteTable.AssertSame(ConsoleRoutes.All.Select(ServedRoute.Of), "ConsoleRoutes.All", functions, "functions.metadata");
        RouteTable.AssertSame(ConsoleRoutes.All.Select(ServedRoute.Of), "ConsoleRoutes.All", LocalHostRoutes.ReadConsole(), "the local host");
    }
}
