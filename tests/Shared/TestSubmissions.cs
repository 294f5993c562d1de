using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mouazara.Testing;

/// <summary>Builds generic-webhook bodies as a form provider would post them.</summary>
public static class TestSubmissions
{
    public static readonly string[] AllAssociationDocuments = ["statutes", "legal-registration", "board-minutes", "bank-certificate", "budget", "project-description"];

    public static JsonObject Build(string edition, string submissionId, IEnumerable<string> documents, string language = "fr",
        string applicantType = "association", decimal requested = 45000, decimal totalBudget = 60000, string? foundedOn = "2015-05-10",
        string region = "MA-07", string sector = "handicrafts", string email = "applicant@example.org")
    {
        var body = new JsonObject
        {
            ["submissionId"] = submissionId,
            ["edition"] = edition,
            ["language"] = language,
            ["applicant"] = new JsonObject
            {
                ["type"] = applicantType,
                ["name"] = "Association Test Tissage",
                ["registrationNumber"] = "ASSO-TEST-" + submissionId,
                ["foundedOn"] = foundedOn,
                ["region"] = region,
                ["commune"] = "Amizmiz",
                ["rural"] = true,
                ["email"] = email,
                ["phone"] = "+212600000099",
                ["representative"] = new JsonObject { ["name"] = "Mina Test", ["gender"] = "female", ["role"] = "Présidente" },
            },
            ["project"] = new JsonObject
            {
                ["title"] = "Atelier de tissage " + submissionId,
                ["sector"] = sector,
                ["summary"] = "Un atelier de tissage pour vingt artisanes.",
                ["requestedAmount"] = requested,
                ["totalBudget"] = totalBudget,
                ["womenLed"] = true,
                ["youthLed"] = false,
                ["jobsCreated"] = 5,
                ["jobsMaintained"] = 10,
            },
            ["documents"] = new JsonArray(documents.Select(type => (JsonNode)new JsonObject
            {
                ["type"] = type,
                ["fileName"] = type + ".pdf",
                ["contentType"] = "application/pdf",
                ["contentBase64"] = Convert.ToBase64String(TestFiles.Pdf(type)),
            }).ToArray()),
        };
        if (foundedOn is null)
        {
            body["applicant"]!.AsObject().Remove("foundedOn");
        }

        return body;
    }

    public static byte[] Bytes(JsonNode body) => JsonSerializer.SerializeToUtf8Bytes(body);
}
