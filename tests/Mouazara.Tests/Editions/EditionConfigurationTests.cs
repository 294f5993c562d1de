using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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

    /// <summary>The test edition paid by the ministry (associations and networks) and a regional council (cooperatives of L'Oriental), with the programme's targets.</summary>
    static JsonObject Funded(string id)
    {
        var edition = TestEditions.Fast(id);
        edition["funders"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "ministry",
                ["name"] = new JsonObject { ["ar"] = "كتابة الدولة المكلفة بالاقتصاد الاجتماعي والتضامني", ["fr"] = "Secrétariat d'État chargé de l'Économie sociale et solidaire" },
                ["envelope"] = 6_000_000,
                ["applicantTypes"] = new JsonArray("association", "network"),
                ["regions"] = new JsonArray(),
            },
            new JsonObject
            {
                ["id"] = "region-oriental",
                ["name"] = new JsonObject { ["ar"] = "مجلس جهة الشرق", ["fr"] = "Conseil de la Région de l'Oriental" },
                ["envelope"] = 1_200_000,
                ["applicantTypes"] = new JsonArray("cooperative"),
                ["regions"] = new JsonArray("MA-02"),
            });
        edition["targets"] = new JsonObject { ["womenLedMin"] = 0.64m, ["ruralMin"] = 0.47m, ["perRegionMin"] = 1, ["sectorMaxShare"] = 0.30m, ["scoreMin"] = 60 };
        return edition;
    }

    [Fact]
    public async Task An_edition_with_funders_and_targets_comes_back_from_GET_as_it_was_saved()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var id = LocalStack.NewId("ed");
        var sent = Funded(id);

        using var put = await PutAsync(client, id, sent);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var get = await GetAsync(client, id);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var saved = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        var funders = saved["funders"]!.AsArray();
        Assert.Equal(["ministry", "region-oriental"], funders.Select(f => f!["id"]!.GetValue<string>()));
        Assert.Equal([6_000_000m, 1_200_000m], funders.Select(f => f!["envelope"]!.GetValue<decimal>()));
        Assert.Equal("مجلس جهة الشرق", funders[1]!["name"]!["ar"]!.GetValue<string>());
        Assert.Equal("Conseil de la Région de l'Oriental", funders[1]!["name"]!["fr"]!.GetValue<string>());
        Assert.Equal(["association", "network"], funders[0]!["applicantTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Empty(funders[0]!["regions"]!.AsArray());
        Assert.Equal(["cooperative"], funders[1]!["applicantTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["MA-02"], funders[1]!["regions"]!.AsArray().Select(r => r!.GetValue<string>()));
        var targets = saved["targets"]!;
        Assert.Equal(0.64m, targets["womenLedMin"]!.GetValue<decimal>());
        Assert.Equal(0.47m, targets["ruralMin"]!.GetValue<decimal>());
        Assert.Equal(1, targets["perRegionMin"]!.GetValue<int>());
        Assert.Equal(0.30m, targets["sectorMaxShare"]!.GetValue<decimal>());
        Assert.Equal(60m, targets["scoreMin"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_change_with_a_bad_funder_envelope_is_422_naming_that_funder_field_and_leaves_the_edition_as_it_was()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var id = LocalStack.NewId("ed");
        await client.PutEditionAsync(Funded(id));
        var change = Funded(id);
        change["funders"]![1]!["envelope"] = 0;
        change["funders"]![1]!["regions"] = new JsonArray("MA-02", "MA-03");

        using var response = await PutAsync(client, id, change);

        var problem = await Problem.AssertInvalidAsync(response, "funders[1].envelope");
        Assert.Equal(["funders[1].envelope"], problem["errors"]!.AsObject().Select(e => e.Key));
        using var get = await GetAsync(client, id);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var saved = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        Assert.Equal(1_200_000m, saved["funders"]![1]!["envelope"]!.GetValue<decimal>());
        Assert.Equal(["MA-02"], saved["funders"]![1]!["regions"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task A_new_edition_whose_funders_leave_cooperatives_unpaid_is_422_naming_funders_and_not_saved()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var id = LocalStack.NewId("ed");
        var edition = Funded(id);
        edition["funders"]!.AsArray().RemoveAt(1);

        using var response = await PutAsync(client, id, edition);

        var problem = await Problem.AssertInvalidAsync(response, "funders");
        Assert.Contains("'cooperative'", problem["errors"]!["funders"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        using var get = await GetAsync(client, id);
        await Problem.AssertAsync(get, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_edition_with_a_null_funder_is_refused_and_not_saved()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var id = LocalStack.NewId("ed");
        var edition = Funded(id);
        edition["funders"]!.AsArray().Add(null);

        using var response = await PutAsync(client, id, edition);

        await Problem.AssertInvalidAsync(response, "edition");
        using var get = await GetAsync(client, id);
        await Problem.AssertAsync(get, HttpStatusCode.NotFound, "not-found");
    }

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
