using System.Net;
using Mouazara.Tests.Intake.Support;

namespace Mouazara.Tests.Intake;

/// <summary>The inbox is staff's: bearer tokens with the staff role, filters checked, unknown deliveries 404.</summary>
public sealed class InboxStaffRouteTests
{
    [Fact]
    public async Task Listing_or_reprocessing_deliveries_without_a_staff_token_is_refused()
    {
        var client = (await IntakeStack.SharedAsync()).Client;

        using (var anonymous = await client.SendAsync(HttpMethod.Get, "api/intake/deliveries?status=rejected"))
        {
            await Assertions.ProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        }

        using (var finance = await client.SendAsync(HttpMethod.Get, "api/intake/deliveries", await client.FinanceTokenAsync()))
        {
            await Assertions.ProblemAsync(finance, HttpStatusCode.Forbidden, "forbidden");
        }

        using var reprocess = await client.SendAsync(HttpMethod.Post, "api/intake/deliveries/kobo-anything/reprocess");
        await Assertions.ProblemAsync(reprocess, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Unknown_filters_are_422_and_unknown_deliveries_404()
    {
        var stack = await IntakeStack.SharedAsync();
        var staff = await stack.Client.StaffTokenAsync();

        using (var status = await stack.Client.SendAsync(HttpMethod.Get, "api/intake/deliveries?status=lost&provider=jotform", staff))
        {
            await Assertions.InvalidAsync(status, "status", "provider");
        }

        foreach (var id in new[] { "kobo-" + Guid.NewGuid(), "nobody-123", "kobo-", "-x", "kobo-a%2Fb" })
        {
            using var response = await stack.Client.SendAsync(HttpMethod.Post, $"api/intake/deliveries/{id}/reprocess", staff);
            await Assertions.ProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }
    }
}
