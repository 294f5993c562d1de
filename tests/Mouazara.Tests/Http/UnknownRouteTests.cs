using System.Net;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Http;

/// <summary>Calls outside the API's routes are errors too, and every error is problem details.</summary>
public sealed class UnknownRouteTests
{
    [Fact]
    public async Task An_unknown_route_or_method_under_api_is_a_problem()
    {
        var client = (await LocalStack.SharedAsync()).Client;

        using (var route = await client.SendAsync(HttpMethod.Get, "api/no-such-route"))
        {
            Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
            Assert.Equal("application/problem+json", route.Content.Headers.ContentType?.MediaType);
        }

        using var method = await client.SendAsync(HttpMethod.Delete, "api/editions/" + LocalStack.NewId("ed"), await client.StaffTokenAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        Assert.Equal("application/problem+json", method.Content.Headers.ContentType?.MediaType);
    }
}
