using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Applications;
using Mouazara.Committee;
using Mouazara.Editions;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Committee;

/// <summary>
/// Applications reaching evaluation at the same instant: each seating reads every reviewer's open load, so without the
/// edition's seating lock they would all read the same loads and seat the same least-loaded reviewer. Six seatings of
/// one reviewer each from a pool of six interchangeable members, released together on the real storage: one each.
/// </summary>
public sealed class PanelSeatingRaceTests
{
    [Fact]
    public async Task Six_panels_seated_at_once_from_a_pool_of_six_give_each_member_one_review()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("seating");
        var config = TestEditions.Fast(edition);
        var committee = config["committee"]!.AsObject();
        committee["members"] = new JsonArray(Enumerable.Range(1, 6).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"s-{i}",
            ["name"] = $"Membre {i}",
            ["email"] = $"s-{i}@example.org",
            ["language"] = "fr",
            ["languages"] = new JsonArray("fr", "ar"),
            ["organisation"] = $"Organisation {i}",
            ["category"] = "civil-society",
            ["sectors"] = new JsonArray(),
            ["commune"] = $"Commune {i}",
        }).ToArray());
        committee["reviewersPerApplication"] = 1;
        committee["minCategories"] = 1;
        await stack.Client.PutEditionAsync(config);

        // Six applications held at the documents stage (one document missing), so only this test seats their panels.
        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            stack.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes"]))));
        var services = stack.Host.Services;
        var rules = (await services.GetRequiredService<EditionStore>().GetAsync(edition)).Committee;
        var applications = services.GetRequiredService<ApplicationStore>();
        var rows = await Task.WhenAll(ids.Select(id => applications.FindAsync(id)));
        var panels = services.GetRequiredService<Panels>();

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seatings = rows.Select(async app =>
        {
            await gate.Task;
            return await panels.FillAsync(app!, rules, rules.Members, DateTimeOffset.UtcNow, null);
        }).ToList();
        gate.SetResult();
        await Task.WhenAll(seatings);

        var seats = await services.GetRequiredService<ReviewStore>().ListOpenAssignmentsAsync(edition);
        Assert.Equal(6, seats.Count);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"s-{i}"), seats.Select(s => s.MemberId).Order(StringComparer.Ordinal));
    }
}
