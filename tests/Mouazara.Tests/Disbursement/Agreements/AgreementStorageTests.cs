using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Disbursement.Agreements;
using Mouazara.Documents;
using Mouazara.Kernel;
using Mouazara.Storage;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement.Agreements;

/// <summary>
/// A selected application's agreement, prepared on the local stack (Azurite, the real engine up to the award): stored
/// as the application's <c>agreement</c> document, whose recorded SHA-256 is the hash of the blob's bytes, listed to
/// staff, and prepared again without a second file or a changed row.
/// </summary>
public sealed class AgreementStorageTests
{
    const string Nbsp = "\u00A0";
    // Not the programme's default funder name, so the test sees the award's funder come through.
    const string MinistryFr = "Secrétariat d'État chargé de l'Économie sociale et solidaire";

    [Fact]
    public async Task The_agreement_is_stored_with_the_hash_of_its_bytes_and_preparing_it_again_changes_nothing()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("agr");
        var body = Steps.PatientEdition(edition, reportForSecondTranche: true);
        body["funders"] = new JsonArray(new JsonObject
        {
            ["id"] = "ministry",
            ["name"] = new JsonObject { ["ar"] = "كتابة الدولة المكلفة بالاقتصاد الاجتماعي والتضامني", ["fr"] = MinistryFr },
            ["envelope"] = 6_000_000,
            ["applicantTypes"] = new JsonArray("association", "network", "cooperative"),
            ["regions"] = new JsonArray(),
        });
        await stack.Client.PutEditionAsync(body);
        var id = (await Steps.ApprovedAndDisbursingAsync(stack.Client, edition, requested: 45000))["applicationId"]!.GetValue<string>();

        var services = stack.Host.Services;
        var preparer = services.GetRequiredService<AgreementPreparer>();
        var documents = services.GetRequiredService<DocumentStore>();
        var prepared = await preparer.PrepareAsync(edition, id);

        var row = await documents.FindAsync(id, DocumentTypes.Agreement);
        Assert.NotNull(row);
        Assert.Equal(prepared.Sha256, row.Sha256);
        Assert.Equal("convention-" + id + ".docx", row.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", row.ContentType);
        Assert.Equal("generated", row.Source);

        // The stored bytes are what the row says they are.
        var blob = services.GetRequiredService<MouazaraStorage>().DocumentFiles.GetBlobClient(row.BlobName);
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(row.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(row.Size, bytes.LongLength);
        Assert.Equal(prepared.Size, bytes.LongLength);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(row.ContentType, properties.ContentType);
        Assert.Equal(row.Sha256, properties.Metadata["sha256"]);

        // It is the applicant's agreement: their funder, amount and plan, and their bank certificate by its hash.
        var certificate = await documents.FindAsync(id, DocumentTypes.BankCertificate);
        using (var document = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var text = string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
            Assert.Contains("Convention de financement", text, StringComparison.Ordinal);
            Assert.Contains(MinistryFr, text, StringComparison.Ordinal);
            Assert.Contains("Association Test Tissage", text, StringComparison.Ordinal);
            Assert.Contains("subvention de 45" + Nbsp + "000,00" + Nbsp + "MAD.", text, StringComparison.Ordinal);
            Assert.Contains("27" + Nbsp + "000,00" + Nbsp + "MAD", text, StringComparison.Ordinal);
            Assert.Contains("18" + Nbsp + "000,00" + Nbsp + "MAD", text, StringComparison.Ordinal);
            Assert.Contains("après acceptation du rapport d'avancement n° 1", text, StringComparison.Ordinal);
            Assert.Contains("(empreinte SHA-256 : " + certificate!.Sha256 + ")", text, StringComparison.Ordinal);
        }

        // Staff see it among the application's documents.
        var listed = (await stack.Client.ApplicationAsync(id))["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == "agreement")!;
        Assert.Equal(row.Sha256, listed["sha256"]!.GetValue<string>());

        // A retry: the same document, the row untouched, one file.
        var again = await preparer.PrepareAsync(edition, id);
        Assert.Equal(prepared, again);
        var rowAgain = await documents.FindAsync(id, DocumentTypes.Agreement);
        Assert.Equal(row.ETag, rowAgain!.ETag);
        Assert.Equal(row.UploadedAt, rowAgain.UploadedAt);
        Assert.Equal([row.BlobName], await StoredRows.BlobsAsync(edition, id, DocumentTypes.Agreement));
    }
}
