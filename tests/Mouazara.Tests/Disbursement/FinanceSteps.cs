using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement;

/// <summary>What the finance desk tests need before finance can act: funded applications, in disbursement.</summary>
internal static class FinanceSteps
{
    /// <summary>A patient edition whose awards the ministry pays.</summary>
    public static JsonObject EditionWithMinistry(string id)
    {
        var edition = Steps.PatientEdition(id);
        edition["funders"] = new JsonArray(new JsonObject
        {
            ["id"] = "ministry",
            ["name"] = new JsonObject { ["ar"] = "الوزارة", ["fr"] = "Ministère" },
            ["envelope"] = 6000000,
            ["applicantTypes"] = new JsonArray("association", "network", "cooperative"),
            ["regions"] = new JsonArray(),
        });
        return edition;
    }

    public static JsonObject Submission(string edition, string name, decimal requested, string? bankAccount)
    {
        var body = TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, requested: requested);
        body["applicant"]!["name"] = name;
        if (bankAccount is not null)
        {
            body["applicant"]!["bankAccount"] = bankAccount;
        }

        return body;
    }

    /// <summary>Submits, has the committee approve each, selects them all and waits until each is disbursing.</summary>
    public static async Task<string[]> DisbursingAsync(MouazaraClient client, string edition, params JsonObject[] submissions)
    {
        var ids = new List<string>();
        foreach (var submission in submissions)
        {
            ids.Add(await client.SubmitAcceptedAsync(submission));
        }

        foreach (var id in ids)
        {
            foreach (var link in await client.ReviewLinksAsync(id, 3))
            {
                using var vote = await client.VoteAsync(link, 80, "approve");
                Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
            }
        }

        await client.SelectAsync(edition, [.. ids]);
        foreach (var id in ids)
        {
            await client.ReturnSignedAgreementAsync(id);
            await client.WaitForStatusAsync(id, "disbursing");
        }

        return [.. ids];
    }
}
