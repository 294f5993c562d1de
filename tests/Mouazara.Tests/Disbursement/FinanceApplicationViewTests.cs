using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Tests.Kernel;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement;

/// <summary>Finance reads the application they pay: who and where to pay, the award, tranches, ledger and the bank certificate; nothing else.</summary>
public sealed class FinanceApplicationViewTests
{
    [Fact]
    public async Task Finance_sees_the_award_tranches_ledger_RIB_and_bank_certificate_and_no_contact_project_or_history()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("fview");
        await client.PutEditionAsync(FinanceSteps.EditionWithMinistry(edition));
        var rib = RibTests.Make("011", "780", "0000987654321098");
        var submission = FinanceSteps.Submission(edition, "تعاونية الأمل للنسيج", 40000m, rib);
        var id = (await FinanceSteps.DisbursingAsync(client, edition, submission)).Single();
        var amount = (await Steps.WaitForTrancheAsync(client, id, 1, "due"))["amount"]!.GetValue<decimal>();
        using (var release = await client.ReleaseAsync(id, 1, amount, "fview-" + id, reference: "TGR-FVIEW-1"))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        using var response = await client.SendAsync(HttpMethod.Get, "api/applications/" + id, await client.FinanceTokenAsync());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var view = JsonNode.Parse(text)!.AsObject();

        Assert.Equal(id, view["applicationId"]!.GetValue<string>());
        Assert.Equal(edition, view["edition"]!.GetValue<string>());
        Assert.Equal("disbursing", view["status"]!.GetValue<string>());
        var applicant = view["applicant"]!;
        Assert.Equal("تعاونية الأمل للنسيج", applicant["name"]!.GetValue<string>());
        Assert.Equal("association", applicant["type"]!.GetValue<string>());
        Assert.Equal("MA-07", applicant["region"]!.GetValue<string>());
        Assert.Equal(rib, applicant["bankAccount"]!.GetValue<string>());
        Assert.Equal("ministry", view["award"]!["funder"]!.GetValue<string>());
        Assert.Equal(40000m, view["award"]!["amount"]!.GetValue<decimal>());
        Assert.Equal([24000m, 16000m], view["award"]!["tranches"]!.AsArray().Select(t => t!["amount"]!.GetValue<decimal>()));
        Assert.Equal("released", view["award"]!["tranches"]![0]!["status"]!.GetValue<string>());
        var entry = Assert.Single(view["ledger"]!.AsArray())!;
        Assert.Equal((1, "TGR-FVIEW-1", 24000m), (entry["tranche"]!.GetValue<int>(), entry["paymentReference"]!.GetValue<string>(), entry["amount"]!.GetValue<decimal>()));
        // What finance pays against: where to pay and what was agreed, each with a download link of its own.
        Assert.Equal(["agreement", "bank-certificate", "signed-agreement"], view["documents"]!.AsArray().Select(d => d!["type"]!.GetValue<string>()));
        Assert.All(view["documents"]!.AsArray(), d => Assert.Contains("/api/files/", d!["downloadUrl"]!.GetValue<string>(), StringComparison.Ordinal));

        // Nothing of the project, the contacts, the evaluation, eligibility or history.
        Assert.Equal(["applicationId", "edition", "status", "statusLabel", "applicant", "award", "ledger", "documents"], view.Select(p => p.Key));
        foreach (var secret in new[]
        {
            "applicant@example.org", "+212600000099", "Mina Test", submission["project"]!["title"]!.GetValue<string>(),
            submission["project"]!["summary"]!.GetValue<string>(), submission["applicant"]!["registrationNumber"]!.GetValue<string>(), "Amizmiz",
        })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // Staff still read everything.
        var staff = await client.ApplicationAsync(id);
        Assert.Equal(rib, staff["applicant"]!["bankAccount"]!.GetValue<string>());
        Assert.NotNull(staff["project"]);
        Assert.NotEmpty(staff["history"]!.AsArray());

        using var unknown = await client.SendAsync(HttpMethod.Get, "api/applications/" + LocalStack.NewId("nope"), await client.FinanceTokenAsync());
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "not-found");
    }
}
