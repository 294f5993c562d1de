using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;
using Xunit.Abstractions;

namespace Mouazara.Local.Tests.EndToEnd;

/// <summary>The local host as its own process, driven from the webhook to closing, every link read from the outbox.</summary>
public sealed class WholeLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_application_goes_from_the_webhook_to_closed_through_emails_uploads_votes_and_tranche_releases()
    {
        await using var host = new LocalProcess();
        await host.StartAsync();
        var client = host.Client;
        var clock = Stopwatch.StartNew();
        var edition = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await client.PutEditionAsync(TestEditions.Fast(edition, documentsDeadline: "PT300S", committeeDeadline: "PT300S"));

        // A form provider posts the submission with two of the six documents.
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, "e2e-" + Guid.NewGuid().ToString("N")[..8], ["statutes", "project-description"], language: "fr"));
        var receipt = (await client.WaitForMailsAsync(id, "status-received")).Single();
        var statusLink = MouazaraClient.Links(receipt, "status").Single();
        using (var status = await client.Http.GetAsync(MouazaraClient.PathOf(statusLink)))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        // The applicant follows each upload link of the email.
        var request = (await client.WaitForMailsAsync(id, "documents-request")).Single();
        foreach (var link in MouazaraClient.Links(request, "uploads"))
        {
            using var upload = await client.UploadAsync(link, TestFiles.Pdf(link.Split('/')[^1]));
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        // Each committee member votes through their own link; the first opens a document from the review page first.
        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);
        var reviewLink = MouazaraClient.Links(tasks[0], "reviews").Single();
        var reviewPage = await (await client.SendAsync(HttpMethod.Get, MouazaraClient.PathOf(reviewLink),
            headers: new Dictionary<string, string> { ["Accept"] = "text/html" })).Content.ReadAsStringAsync();
        var memberLink = Regex.Match(reviewPage, "<ul class=\"documents\"><li><a href=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        await AssertDownloadsStoredFileAsync(client, id, memberLink);
        foreach (var task in tasks)
        {
            using var vote = await client.VoteAsync(MouazaraClient.Links(task, "reviews").Single(), 75, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        // Finance releases the first tranche; the applicant sends the progress report; finance releases the second.
        await client.SelectAsync(edition, id);
        await client.ReturnSignedAgreementAsync(id);
        var app = await client.WaitForStatusAsync(id, "disbursing");
        var tranches = app["award"]!["tranches"]!.AsArray();
        await WaitForDueAsync(client, id, 1);

        // Staff read any document; finance the bank certificate and the agreement of what they pay, nothing else.
        var staffView = await client.ApplicationAsync(id);
        await AssertDownloadsStoredFileAsync(client, id, staffView["documents"]!.AsArray().First(d => d!["type"]!.GetValue<string>() == "project-description")!["downloadUrl"]!.GetValue<string>());
        var finance = await client.FinanceTokenAsync();
        foreach (var (type, allowed) in new[] { ("bank-certificate", true), ("agreement", true), ("project-description", false) })
        {
            using var asked = await client.SendAsync(HttpMethod.Get, $"api/applications/{id}/documents/{type}", finance);
            Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, asked.StatusCode);
            if (allowed)
            {
                var url = JsonNode.Parse(await asked.Content.ReadAsStringAsync())!["url"]!.GetValue<string>();
                await AssertDownloadsStoredFileAsync(client, id, url);
            }
        }

        // The finance desk: the due tranche in the list, the same as CSV and XLSX.
        var desk = JsonNode.Parse(await (await client.SendAsync(HttpMethod.Get, $"api/tranches?edition={edition}", finance)).Content.ReadAsStringAsync())!;
        var due = desk["items"]!.AsArray().Single(t => t!["applicationId"]!.GetValue<string>() == id)!;
        var csvText = await (await client.SendAsync(HttpMethod.Get, $"api/tranches?edition={edition}&format=csv", finance)).Content.ReadAsStringAsync();
        var csvLine = csvText.Split('\n').Single(l => l.StartsWith(id + ",", StringComparison.Ordinal));
        Assert.Contains(due["amount"]!.GetValue<decimal>().ToString("0.00", CultureInfo.InvariantCulture), csvLine, StringComparison.Ordinal);
        var xlsx = await (await client.SendAsync(HttpMethod.Get, $"api/tranches?edition={edition}&format=xlsx", finance)).Content.ReadAsByteArrayAsync();
        using (var sheet = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var cells = sheet.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
            var shared = sheet.WorkbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            string Text(Cell c) => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)] : c.InnerText;
            Assert.Contains(cells, c => Text(c) == id);
            Assert.Contains(cells, c => c.DataType is null && decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture) == due["amount"]!.GetValue<decimal>());
        }

        using (var first = await client.ReleaseAsync(id, 1, tranches[0]!["amount"]!.GetValue<decimal>(), "e2e-1", "TGR-E2E-1"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // The progress report: figures and a file through the form link, accepted by staff; only then is tranche 2 due.
        Assert.Equal(1, await client.SubmitAndAcceptReportAsync(id, "report-request"));
        await WaitForDueAsync(client, id, 2);
        using (var second = await client.ReleaseAsync(id, 2, tranches[1]!["amount"]!.GetValue<decimal>(), "e2e-2", "TGR-E2E-2"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        // The final report, accepted by staff, closes the application.
        Assert.Equal(2, await client.FinalReportAcceptedAsync(id));
        var closed = await client.WaitForStatusAsync(id, "closed");
        output.WriteLine($"Webhook to closed in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(45000m, closed["award"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(["TGR-E2E-1", "TGR-E2E-2"], closed["award"]!["tranches"]!.AsArray().Select(t => t!["paymentReference"]!.GetValue<string>()));
        Assert.Equal(
            ["received", "awaiting-documents", "checking-eligibility", "in-evaluation", "shortlisted", "selected", "awaiting-signature", "disbursing", "closed"],
            closed["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).Distinct());
        // The closing email follows the status change; wait for it, then check nothing was sent twice.
        await client.WaitForMailsAsync(id, "status-closed");
        var mails = await client.OutboxAsync(id);
        Assert.Equal(2, mails.Count(m => m.Template == "tranche-released"));
        Assert.Single(mails, m => m.Template == "status-closed");

        // The ledger holds each tranche once.
        var ledger = new TableClient("UseDevelopmentStorage=true", host.Prefix + "DisbursementLedger");
        Assert.Equal(["01", "02"], ledger.Query<TableEntity>(e => e.PartitionKey == id).Select(r => r.RowKey).ToList());
    }

    /// <summary>A download link opens the exact stored file (its SHA-256 is the one recorded), as an attachment.</summary>
    static async Task AssertDownloadsStoredFileAsync(MouazaraClient client, string id, string link)
    {
        Assert.Contains("/api/files/", link, StringComparison.Ordinal);
        using var response = await client.SendAsync(HttpMethod.Get, MouazaraClient.PathOf(link));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var hash = Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains((await client.ApplicationAsync(id))["documents"]!.AsArray(), d => d!["sha256"]!.GetValue<string>() == hash);
    }

    internal static async Task WaitForDueAsync(MouazaraClient client, string id, int tranche)
    {
        for (var i = 0; i < 240; i++)
        {
            var app = await client.ApplicationAsync(id);
            if (app["award"]!["tranches"]!.AsArray().Any(t => t!["number"]!.GetValue<int>() == tranche && t["status"]!.GetValue<string>() == "due"))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Tranche {tranche} of {id} never fell due.");
    }
}
