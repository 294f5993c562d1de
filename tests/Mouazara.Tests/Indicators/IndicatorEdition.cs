using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Indicators;

/// <summary>
/// One hand-built edition on the real engine, shared by the indicator and export tests: four applications driven to
/// different places. A waits for documents; B is rejected by its committee; C and D are approved, selected, sign their
/// agreements and are disbursing; C's first tranche is paid and its progress report accepted.
/// </summary>
public sealed class IndicatorEdition : IAsyncLifetime
{
    public const string ArabicName = "تعاونية الأركان النسائية بتمنار";

    public MouazaraClient Client { get; private set; } = null!;

    public string Id { get; } = LocalStack.NewId("ind");

    public string A { get; private set; } = "";

    public string B { get; private set; } = "";

    public string C { get; private set; } = "";

    public string D { get; private set; } = "";

    /// <summary>C's first tranche: 60% of 45,000.55.</summary>
    public decimal Released => 27000.33m;

    public static JsonObject Submission(string edition, string[] documents, string region, string sector, bool womenLed, bool rural, decimal requested,
        int jobsCreated, int jobsMaintained, string name)
    {
        var body = TestSubmissions.Build(edition, LocalStack.NewId("sub"), documents, requested: requested, region: region, sector: sector);
        body["applicant"]!["name"] = name;
        body["applicant"]!["rural"] = rural;
        body["project"]!["womenLed"] = womenLed;
        body["project"]!["jobsCreated"] = jobsCreated;
        body["project"]!["jobsMaintained"] = jobsMaintained;
        return body;
    }

    public async Task InitializeAsync()
    {
        Client = (await LocalStack.SharedAsync()).Client;
        var edition = Steps.PatientEdition(Id, reportForSecondTranche: true);
        edition["funders"] = new JsonArray(new JsonObject
        {
            ["id"] = "ministry",
            ["name"] = new JsonObject { ["ar"] = "الوزارة", ["fr"] = "Ministère" },
            ["envelope"] = 6000000,
            ["applicantTypes"] = new JsonArray("association", "network", "cooperative"),
            ["regions"] = new JsonArray(),
        });
        edition["targets"] = new JsonObject { ["womenLedMin"] = 0.64, ["ruralMin"] = 0.47, ["perRegionMin"] = 1, ["sectorMaxShare"] = 0.6, ["scoreMin"] = 60 };
        await Client.PutEditionAsync(edition);

        var all = TestSubmissions.AllAssociationDocuments;
        A = await Client.SubmitAcceptedAsync(Submission(Id, ["statutes"], "MA-01", "agriculture", false, false, 20000m, 1, 1, "Association Atlas"));
        B = await Client.SubmitAcceptedAsync(Submission(Id, all, "MA-02", "health", true, true, 30000m, 2, 2, "Association Santé Rif"));
        C = await Client.SubmitAcceptedAsync(Submission(Id, all, "MA-07", "handicrafts", true, true, 45000.55m, 5, 10, ArabicName));
        D = await Client.SubmitAcceptedAsync(Submission(Id, all, "MA-07", "agriculture", true, false, 40000m, 2, 4, "Association Safran Taliouine"));

        foreach (var (id, score, recommendation) in new[] { (B, 30, "reject"), (C, 80, "approve"), (D, 70, "approve") })
        {
            foreach (var mail in await Client.WaitForMailsAsync(id, "review-task", 3))
            {
                using var vote = await Client.VoteAsync(MouazaraClient.Links(mail, "reviews").Single(), score, recommendation);
                Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
            }
        }

        await Client.WaitForStatusAsync(A, "awaiting-documents");
        await Client.WaitForStatusAsync(B, "not-selected");
        await Client.SelectAsync(Id, C, D);
        foreach (var id in new[] { C, D })
        {
            await Client.ReturnSignedAgreementAsync(id);
            await Client.WaitForStatusAsync(id, "disbursing");
        }

        await Steps.WaitForTrancheAsync(Client, C, 1, "due");
        using (var release = await Client.ReleaseAsync(C, 1, Released, "ind-" + C, reference: "TGR-IND-1"))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        // The progress report (3 jobs created, 5 maintained: the client's default figures), accepted by staff.
        await Client.SubmitAndAcceptReportAsync(C, "report-request");
        await Steps.WaitForTrancheAsync(Client, C, 2, "due");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
