using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Intake.Support;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// The generic webhook's documents may be links (for a Google Forms script or a Power Automate flow whose files
/// live elsewhere): checked against the hosts configured for generic in the request, fetched by an activity after.
/// </summary>
public sealed class GenericLinkTests
{
    [Fact]
    public async Task Linked_documents_of_a_generic_delivery_are_fetched_after_the_answer_and_inline_ones_kept_as_sent()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("generic");
        var submissionId = LocalStack.NewId("link");
        var budget = Samples.Content("application/pdf", "budget " + submissionId);
        var link = stack.Files.Serve($"/generic/{submissionId}/budget.pdf", budget);
        var body = TestSubmissions.Build(edition, submissionId, ["statutes"]);
        body["documents"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "budget",
            ["fileName"] = "budget.pdf",
            ["contentType"] = "application/pdf",
            ["url"] = link.ToString(),
        });

        var id = await stack.Client.SubmitAcceptedAsync(body);
        var again = await stack.Client.SubmitAcceptedAsync(body);

        Assert.Equal(id, again);
        var app = await stack.WaitForApplicationAsync(id, documents: 2);
        var stored = app["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == "budget")!;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(budget)), stored["sha256"]!.GetValue<string>());
        Assert.Equal(1, stack.Files.CountOf($"/generic/{submissionId}/"));
        await stack.Client.WaitForMailsAsync(id, "status-received");
        Assert.Single(await stack.Client.OutboxAsync(id), m => m.Template == "status-received");
    }

    [Fact]
    public async Task A_generic_link_to_a_host_not_configured_is_422_naming_it()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("generic");
        var submissionId = LocalStack.NewId("link");
        var body = TestSubmissions.Build(edition, submissionId, ["statutes"]);
        body["documents"]!.AsArray().Add(new JsonObject { ["type"] = "budget", ["fileName"] = "b.pdf", ["url"] = "https://files.example.org/b.pdf" });

        using var response = await stack.Client.SubmitAsync(TestSubmissions.Bytes(body));

        var problem = await Assertions.InvalidAsync(response, "documents[1].url");
        Assert.Contains("localhost", problem["errors"]!["documents[1].url"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await Assertions.UnknownApplicationAsync(stack, Samples.ApplicationIdFor("generic", submissionId));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }
}
