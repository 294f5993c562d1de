using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Kernel;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Editions;

/// <summary>Staff configure editions; an unusable edition is refused field by field and never saved.</summary>
public sealed class EditionConfigurationTests
{
    static async Task<HttpResponseMessage> PutAsync(MouazaraClient client, string id, JsonObject edition) =>
        await client.SendAsync(HttpMethod.Put, "api/editions/" + id, await client.StaffTokenAsync(), JsonContent.Create(edition));

    static async Task<HttpResponseMessage> GetAsync(MouazaraClient client, string id) =>
        await client.SendAsync(HttpMethod.Get, "api/editions/" + id, await client.StaffTokenAsync());

    [Fact]
    public async Task An_edition_with_quorum_0_and_tranches_not_summing_to_100_is_422_naming_both_and_not_saved()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var id = LocalStack.NewId("ed");
        var edition = TestEditions.Fast(id);
        edition["committee"]!["quorum"] = 0;
        edition["tranches"] = new JsonArray(new JsonObject { ["percent"] = 60 }, new JsonObject { ["percent"] = 30 });

        using var response = await PutAsync(client, id, edition);

        await Problem.AssertInvalidAsync(response, "committee.quorum", "tranches");
        using var get = await GetAsync(client, id);
        await Problem.AssertAsync(get, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_invalid_change_to_an_existing_edition_leaves_it_as_it_was()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var id = LocalStack.NewId("ed");
        await client.PutEditionAsync(TestEditions.Fast(id, quorum: 2));
        var change = TestEditions.Fast(id, quorum: 2);
        change["committee"]!["quorum"] = 4;
        change["tranches"] = new JsonArray(new JsonObject { ["percent"] = 70 }, new JsonObject { ["percent"] = 40 });

        using var response = await PutAsync(client, id, change);

        await Problem.AssertInvalidAsync(response, "committee.quorum", "tranches");
        using var get = await GetAsync(client, id);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var saved = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        Assert.Equal(2, saved["committee"]!["quorum"]!.GetValue<int>());
        Assert.Equal([60m, 40m], saved["tranches"]!.AsArray().Select(t => t!["percent"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task An_edition_whose_body_id_differs_from_the_URL_is_422_naming_id_and_neither_is_saved()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var inUrl = LocalStack.NewId("ed");
        var inBody = LocalStack.NewId("ed");

        using var response = await PutAsync(client, inUrl, TestEditions.Fast(inBody));

        await Problem.AssertInvalidAsync(response, "id");
        foreach (var id in new[] { inUrl, inBody })
        {
            using var get = await GetAsync(client, id);
            await Problem.AssertAsync(get, HttpStatusCode.NotFound, "not-found");
        }
    }

    [Fact]
    public async Task Getting_an_unknown_edition_is_404()
    {
        var client = (await LocalStack.SharedAsync()).Client;

        using var response = await GetAsync(client, LocalStack.NewId("ed"));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Configuring_an_edition_needs_a_staff_token()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var id = LocalStack.NewId("ed");

        using (var anonymous = await client.SendAsync(HttpMethod.Put, "api/editions/" + id, content: JsonContent.Create(TestEditions.Fast(id))))
        {
            await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        }

        using (var finance = await client.SendAsync(HttpMethod.Put, "api/editions/" + id, await client.FinanceTokenAsync(), JsonContent.Create(TestEditions.Fast(id))))
        {
            await Problem.AssertAsync(finance, HttpStatusCode.Forbidden, "forbidden");
        }

        using var get = await GetAsync(client, id);
        await Problem.AssertAsync(get, HttpStatusCode.NotFound, "not-found");
    }

    public static TheoryData<string> NullSections() =>
        ["name", "applicantTypes", "documents", "committee", "committee.members", "tranches[0]", "requiredDocuments.association", "disbursement"];

    [Theory]
    [MemberData(nameof(NullSections))]
    public async Task An_edition_with_a_null_section_is_refused_as_bad_input_and_not_saved(string section)
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var id = LocalStack.NewId("ed");
        var edition = TestEditions.Fast(id);
        switch (section)
        {
            case "committee.members":
                edition["committee"]!["members"] = null;
                break;
            case "tranches[0]":
                edition["tranches"] = new JsonArray(null, new JsonObject { ["percent"] = 100 });
                break;
            case "requiredDocuments.association":
                edition["requiredDocuments"]!["association"] = null;
                break;
            default:
                edition[section] = null;
                break;
        }

        using var response = await PutAsync(client, id, edition);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or (HttpStatusCode)422, $"{section}: null gave {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var get = await GetAsync(client, id);
        await Problem.AssertAsync(get, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_edition_with_an_unusable_committee_is_422_naming_the_committee_fields()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var badEmail = LocalStack.NewId("ed");
        var edition = TestEditions.Fast(badEmail);
        edition["committee"]!["members"]![0]!["email"] = "not-an-email";
        using (var response = await PutAsync(client, badEmail, edition))
        {
            await Problem.AssertInvalidAsync(response, "committee.members");
        }

        var repeated = LocalStack.NewId("ed");
        edition = TestEditions.Fast(repeated);
        edition["committee"]!["criteria"]![0]!["id"] = "feasibility";
        using (var response = await PutAsync(client, repeated, edition))
        {
            await Problem.AssertInvalidAsync(response, "committee.criteria");
        }
    }
}
