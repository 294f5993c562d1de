using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mouazara.Applications;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake;

/// <summary>Form providers retry: a submission delivered again, even many times at once, is one application.</summary>
public sealed class IntakeIdempotencyTests
{
    /// <summary>Sends exactly the same delivery (body, timestamp, signature) as a provider's retry does.</summary>
    static async Task<(HttpStatusCode Status, JsonObject? Body, string? Location)> DeliverAsync(MouazaraClient client, byte[] body, string timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/generic") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Mouazara-Timestamp", timestamp);
        request.Headers.Add("X-Mouazara-Signature", MouazaraClient.Sign("local-generic-webhook-secret", timestamp, body));
        using var response = await client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : null, response.Headers.Location?.ToString());
    }

    static async Task<JsonObject> ListAsync(MouazaraClient client, string edition)
    {
        using var response = await client.SendAsync(HttpMethod.Get, "api/applications?edition=" + edition, await client.StaffTokenAsync());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task The_same_delivery_twice_is_accepted_twice_as_the_same_application()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("idem");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var submissionId = LocalStack.NewId("sub");
        var body = TestSubmissions.Bytes(TestSubmissions.Build(edition, submissionId, TestSubmissions.AllAssociationDocuments));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var first = await DeliverAsync(client, body, timestamp);
        var second = await DeliverAsync(client, body, timestamp);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        var id = first.Body!["applicationId"]!.GetValue<string>();
        Assert.Equal(ApplicationIds.For("generic", submissionId), id);
        Assert.Equal(id, second.Body!["applicationId"]!.GetValue<string>());
        Assert.NotNull(first.Location);
        Assert.NotNull(second.Location);
        var list = await ListAsync(client, edition);
        Assert.Equal(id, Assert.Single(list["items"]!.AsArray())!["applicationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ten_concurrent_deliveries_of_one_submission_make_one_application_with_one_receipt()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("idem");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var submissionId = LocalStack.NewId("sub");
        var body = TestSubmissions.Bytes(TestSubmissions.Build(edition, submissionId, TestSubmissions.AllAssociationDocuments));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var start = new SemaphoreSlim(0);
        var deliveries = Enumerable.Range(0, 10).Select(async _ =>
        {
            await start.WaitAsync();
            return await DeliverAsync(client, body, timestamp);
        }).ToList();
        start.Release(10);
        var answers = await Task.WhenAll(deliveries);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        var id = Assert.Single(answers.Select(a => a.Body!["applicationId"]!.GetValue<string>()).Distinct());
        Assert.Equal(ApplicationIds.For("generic", submissionId), id);

        // The window in which a second receipt could still be sent ends when the engine has nothing left to do for
        // the application: it waits for the committee's votes (the file was complete) with nothing in flight.
        await client.WaitForMailsAsync(id, "review-task", 3);
        await client.WaitForStatusAsync(id, "in-evaluation");
        await Engine.WaitUntilIdleAsync(stack.Host, ApplicationIds.Instance(id));

        var mails = await client.OutboxAsync(id);
        Assert.Single(mails, m => m.Template == "status-received");
        Assert.Equal(3, mails.Count(m => m.Template == "review-task"));
        var list = await ListAsync(client, edition);
        Assert.Equal(1, list["count"]!.GetValue<int>());
        Assert.Equal(id, Assert.Single(list["items"]!.AsArray())!["applicationId"]!.GetValue<string>());
        var app = await client.ApplicationAsync(id);
        Assert.Equal(TestSubmissions.AllAssociationDocuments.Order(StringComparer.Ordinal),
            app["documents"]!.AsArray().Select(x => x!["type"]!.GetValue<string>()));
    }
}
