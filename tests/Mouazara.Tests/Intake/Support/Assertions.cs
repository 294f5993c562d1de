using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mouazara.Applications;
using Mouazara.Intake.Inbox;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake.Support;

/// <summary>What intake tests check again and again, over HTTP as staff and providers see it.</summary>
internal static class Assertions
{
    static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON node as text with Arabic left as itself, to search it.</summary>
    public static string Text(JsonNode node) => node.ToJsonString(Readable);

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("urn:mouazara:problem:" + type, body["type"]?.GetValue<string>());
        return body;
    }

    public static async Task<JsonObject> InvalidAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await ProblemAsync(response, (HttpStatusCode)422, "validation");
        var errors = body["errors"]!.AsObject();
        foreach (var field in fields)
        {
            Assert.True(errors.ContainsKey(field), $"errors does not name '{field}': {errors.ToJsonString()}");
        }

        return body;
    }

    public static async Task UnknownApplicationAsync(IntakeStack stack, string applicationId)
    {
        using var response = await stack.Client.SendAsync(HttpMethod.Get, "api/applications/" + applicationId, await stack.Client.StaffTokenAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Every served file is the application's document of its type: same bytes (SHA-256), size and content type.</summary>
    public static void StoredAsServed(JsonObject application, IReadOnlyList<ServedFile> files)
    {
        var documents = application["documents"]!.AsArray().ToDictionary(d => d!["type"]!.GetValue<string>(), d => d!);
        Assert.Equal(files.Select(f => f.DocumentType).Order(StringComparer.Ordinal), documents.Keys.Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var document = documents[file.DocumentType];
            Assert.Equal(file.Sha256, document["sha256"]!.GetValue<string>());
            Assert.Equal(file.Content.Length, document["size"]!.GetValue<long>());
            Assert.Equal(file.ContentType, document["contentType"]!.GetValue<string>());
        }
    }

    /// <summary>Sends the same delivery <paramref name="times"/> times at once; every answer must be 202. Returns the delivery ids answered.</summary>
    public static async Task<string[]> DeliverConcurrentlyAsync(IntakeStack stack, string provider, byte[] body, int times)
    {
        using var start = new SemaphoreSlim(0);
        var deliveries = Enumerable.Range(0, times).Select(async _ =>
        {
            await start.WaitAsync();
            return await stack.DeliverAcceptedAsync(provider, body);
        }).ToList();
        start.Release(times);
        return await Task.WhenAll(deliveries);
    }

    /// <summary>
    /// Once the engine has nothing left to do for the delivery (its intake and the application it started), the
    /// edition lists exactly this application, which sent exactly one receipt.
    /// </summary>
    public static async Task OneApplicationAsync(IntakeStack stack, string edition, string applicationId, string deliveryId)
    {
        Assert.True(DeliveryInbox.TryParsePublicId(deliveryId, out var provider, out var key), deliveryId);
        await stack.Client.WaitForMailsAsync(applicationId, "status-received");
        await Engine.WaitUntilIdleAsync(stack.Host, DeliveryInbox.InstanceId(provider, key, 1), ApplicationIds.Instance(applicationId));
        using var response = await stack.Client.SendAsync(HttpMethod.Get, "api/applications?edition=" + edition, await stack.Client.StaffTokenAsync());
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(applicationId, Assert.Single(list["items"]!.AsArray())!["applicationId"]!.GetValue<string>());
        Assert.Single(await stack.Client.OutboxAsync(applicationId), m => m.Template == "status-received");
    }
}
