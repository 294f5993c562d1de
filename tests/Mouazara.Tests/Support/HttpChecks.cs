using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Mouazara.Testing;

namespace Mouazara.Tests.Support;

/// <summary>What a caller checks on an error answer: the status, RFC 9457 problem details, a stable type, the fields named.</summary>
internal static class Problem
{
    const string TypeBase = "urn:mouazara:problem:";

    /// <summary>Asserts an <c>application/problem+json</c> answer with this status and type; returns its body.</summary>
    public static async Task<JsonObject> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(TypeBase + type, body["type"]?.GetValue<string>());
        Assert.Equal((int)status, body["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(body["title"]?.GetValue<string>()), "A problem has a human title: " + text);
        return body;
    }

    /// <summary>Asserts a 422 validation problem that names each of <paramref name="fields"/> with at least one message.</summary>
    public static async Task<JsonObject> AssertInvalidAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await AssertAsync(response, (HttpStatusCode)422, "validation");
        AssertNames(body, fields);
        return body;
    }

    public static void AssertNames(JsonObject problem, params string[] fields)
    {
        var errors = problem["errors"] as JsonObject;
        Assert.True(errors is not null, "The problem has no errors object: " + problem.ToJsonString());
        foreach (var field in fields)
        {
            Assert.True(errors.ContainsKey(field), $"errors does not name '{field}': {errors.ToJsonString()}");
            var messages = errors[field]!.AsArray();
            Assert.NotEmpty(messages);
            Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m!.GetValue<string>())));
        }
    }
}

/// <summary>Reads the storage the stack writes to, as an operator would check it after the fact.</summary>
internal static class StoredRows
{
    const string ConnectionString = "UseDevelopmentStorage=true";
    static readonly BlobContainerClient Attachments = new(ConnectionString, "attachments");

    /// <summary>Names of the committed blobs under an application's prefix.</summary>
    public static async Task<List<string>> BlobsAsync(string edition, string applicationId, string? documentType = null)
    {
        var names = new List<string>();
        if (!await Attachments.ExistsAsync())
        {
            return names;
        }

        var prefix = $"{edition}/{applicationId}/" + (documentType is null ? "" : documentType + "/");
        await foreach (var blob in Attachments.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public static async Task<List<TableEntity>> RowsAsync(string table, string partitionKey)
    {
        var client = new TableClient(ConnectionString, table);
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>Steps a user takes over HTTP that several areas need.</summary>
internal static class Steps
{
    /// <summary>An edition whose deadlines do not pass while a test is working on it.</summary>
    public static JsonObject PatientEdition(string id, bool reportForSecondTranche = false) =>
        TestEditions.Fast(id, documentsDeadline: "PT20M", documentsReminder: "PT10M", committeeDeadline: "PT20M", committeeReminder: "PT10M",
            financeReminder: "PT10M", reportForSecondTranche: reportForSecondTranche);

    /// <summary>Asserts that the staff view does not know the application (404, as a problem).</summary>
    public static async Task AssertUnknownApplicationAsync(MouazaraClient client, string applicationId)
    {
        using var response = await client.SendAsync(HttpMethod.Get, "api/applications/" + applicationId, await client.StaffTokenAsync());
        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    /// <summary>Asserts that nothing of the application exists: no staff view, no stored file.</summary>
    public static async Task AssertNothingWrittenAsync(MouazaraClient client, string edition, string applicationId)
    {
        await AssertUnknownApplicationAsync(client, applicationId);
        Assert.Empty(await StoredRows.BlobsAsync(edition, applicationId));
    }

    /// <summary>Changes one character in the middle of the token's signature, as someone forging a link would.</summary>
    public static string Tamper(string link)
    {
        var uri = new Uri(link);
        var segments = uri.AbsolutePath.Split('/');
        var index = Array.FindIndex(segments, s => s is "uploads" or "reviews" or "status") + 1;
        var token = segments[index];
        var dot = token.LastIndexOf('.');
        var at = dot >= 0 ? dot + 1 + ((token.Length - dot - 1) / 2) : token.Length / 2;
        var replacement = token[at] == 'A' ? 'B' : 'A';
        segments[index] = token[..at] + replacement + token[(at + 1)..];
        return new UriBuilder(uri) { Path = string.Join('/', segments) }.Uri.ToString();
    }

    /// <summary>The link of a given kind in the one mail of a template for an application.</summary>
    public static async Task<List<string>> LinksInMailAsync(MouazaraClient client, string applicationId, string template, string kind)
    {
        var mail = (await client.WaitForMailsAsync(applicationId, template)).First();
        return MouazaraClient.Links(mail, kind);
    }

    /// <summary>Submits a complete application and has the whole committee approve it through the review links.</summary>
    public static async Task<JsonObject> ApprovedAndDisbursingAsync(MouazaraClient client, string edition, decimal requested = 45000)
    {
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, requested: requested));
        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
        foreach (var mail in tasks)
        {
            using var vote = await client.VoteAsync(MouazaraClient.Links(mail, "reviews").Single(), 80, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        await client.SelectAsync(edition, id);
        await client.ReturnSignedAgreementAsync(id);
        return await client.WaitForStatusAsync(id, "disbursing");
    }

    /// <summary>Polls the staff view until tranche <paramref name="number"/> has <paramref name="status"/>.</summary>
    public static async Task<JsonObject> WaitForTrancheAsync(MouazaraClient client, string id, int number, string status)
    {
        var until = DateTime.UtcNow + MouazaraClient.Patience;
        JsonObject app;
        do
        {
            app = await client.ApplicationAsync(id);
            var tranche = app["award"]?["tranches"]?.AsArray().FirstOrDefault(t => t!["number"]!.GetValue<int>() == number);
            if (tranche?["status"]?.GetValue<string>() == status)
            {
                return tranche!.AsObject();
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail($"Tranche {number} of {id} never became {status}: {app["award"]?.ToJsonString()}");
        return app;
    }
}
