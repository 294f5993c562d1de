using System.Net;
using System.Security.Cryptography;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Documents;

/// <summary>An upload link takes a replacement, not an endless series, and a replaced file does not linger in storage.</summary>
public sealed class UploadLimitTests
{
    [Fact]
    public async Task A_document_takes_five_files_through_its_link_keeps_only_the_last_and_refuses_a_sixth()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("uplim");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes", "legal-registration"]));
        var request = (await client.WaitForMailsAsync(id, "documents-request")).Single();
        var budget = MouazaraClient.Links(request, "uploads").Single(l => l.EndsWith("/budget", StringComparison.Ordinal));

        byte[] last = [];
        for (var i = 1; i <= 5; i++)
        {
            last = TestFiles.Pdf("Budget version " + i);
            using var upload = await client.UploadAsync(budget, last);
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using (var sixth = await client.UploadAsync(budget, TestFiles.Pdf("Budget version 6")))
        {
            await Problem.AssertAsync(sixth, HttpStatusCode.Conflict, "too-many-uploads");
        }

        var stored = (await client.ApplicationAsync(id))["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == "budget")!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(last)), stored["sha256"]!.GetValue<string>());
        Assert.Single(await StoredRows.BlobsAsync(edition, id, "budget"));
        Assert.Equal("awaiting-documents", (await client.ApplicationAsync(id))["status"]!.GetValue<string>());
    }
}
