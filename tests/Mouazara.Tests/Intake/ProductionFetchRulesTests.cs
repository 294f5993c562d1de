using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// File links under the production rules, end to end: a link to the cloud's metadata address, to a private address
/// or to another port is never fetched, and the application asks the applicant for those documents by email, as it
/// does for any missing document.
/// </summary>
public sealed class ProductionFetchRulesTests
{
    [Fact]
    public async Task Links_to_metadata_a_private_address_or_another_port_are_refused_and_the_applicant_is_asked_for_those_documents()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("ssrf");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var body = TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes", "legal-registration", "board-minutes"]);
        var links = new Dictionary<string, string>
        {
            ["bank-certificate"] = "https://169.254.169.254/metadata/instance?api-version=2021-02-01",
            ["budget"] = "https://10.0.0.5/budget.pdf",
            ["project-description"] = "https://localhost:8443/project.pdf",
        };
        foreach (var (type, url) in links)
        {
            body["documents"]!.AsArray().Add(new JsonObject { ["type"] = type, ["fileName"] = type + ".pdf", ["contentType"] = "application/pdf", ["url"] = url });
        }

        var id = await client.SubmitAcceptedAsync(body);

        var request = (await client.WaitForMailsAsync(id, "documents-request")).Single();
        var asked = MouazaraClient.Links(request, "uploads").Select(l => l.Split('/')[^1]).Order().ToList();
        Assert.Equal(links.Keys.Order(), asked);
        var app = await client.WaitForStatusAsync(id, "awaiting-documents");
        Assert.Equal(["board-minutes", "legal-registration", "statutes"], app["documents"]!.AsArray().Select(d => d!["type"]!.GetValue<string>()).Order());
        var intake = app["history"]!.AsArray().Select(h => h!["reason"]!.GetValue<string>()).Single(r => r.StartsWith("Received from generic", StringComparison.Ordinal));
        Assert.Contains("0 of 3 linked files stored", intake, StringComparison.Ordinal);
        Assert.Contains("bank-certificate (", intake, StringComparison.Ordinal);
        Assert.Contains("not public", intake, StringComparison.Ordinal);
        Assert.Contains("443", intake, StringComparison.Ordinal);
    }
}
