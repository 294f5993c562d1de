using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Applications;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement;

/// <summary>Progress and final reports on the real engine: only a report staff accept makes its tranche due, or closes the application.</summary>
public sealed class ReportWorkflowTests
{
    static async Task<(LocalStack Stack, string Id, JsonArray Tranches)> FirstTrancheReleasedAsync(string prefix)
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId(prefix);
        await stack.Client.PutEditionAsync(Steps.PatientEdition(edition, reportForSecondTranche: true));
        var app = await Steps.ApprovedAndDisbursingAsync(stack.Client, edition);
        var id = app["applicationId"]!.GetValue<string>();
        var first = await Steps.WaitForTrancheAsync(stack.Client, id, 1, "due");
        using var release = await stack.Client.ReleaseAsync(id, 1, first["amount"]!.GetValue<decimal>(), "release-1-" + id);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        return (stack, id, app["award"]!["tranches"]!.AsArray());
    }

    static JsonObject Without(JsonObject body, params string[] names)
    {
        foreach (var name in names)
        {
            body.Remove(name);
        }

        return body;
    }

    static JsonObject Report(JsonObject app, int number) =>
        app["reports"]!.AsArray().Single(r => r!["number"]!.GetValue<int>() == number)!.AsObject();

    static async Task<JsonObject> WaitForReportAsync(MouazaraClient client, string id, int number, Func<JsonObject, bool> until)
    {
        var deadline = DateTime.UtcNow + MouazaraClient.Patience;
        JsonObject app;
        do
        {
            app = await client.ApplicationAsync(id);
            var report = app["reports"]!.AsArray().FirstOrDefault(r => r!["number"]!.GetValue<int>() == number)?.AsObject();
            if (report is not null && until(report))
            {
                return report;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Report {number} of {id} never reached the expected state: {app["reports"]?.ToJsonString()}");
        return app;
    }

    [Fact]
    public async Task An_accepted_progress_report_makes_its_tranche_due_and_the_accepted_final_report_closes_the_application()
    {
        var (stack, id, tranches) = await FirstTrancheReleasedAsync("report-ok");
        var client = stack.Client;

        var link = await client.ReportLinkAsync(id, "report-request");
        using (var submitted = await client.SubmitReportAsync(link))
        {
            var text = await submitted.Content.ReadAsStringAsync();
            Assert.True(submitted.StatusCode == HttpStatusCode.Created, text);
            var version = JsonNode.Parse(text)!;
            Assert.Equal(1, version["number"]!.GetValue<int>());
            Assert.Equal(1, version["version"]!.GetValue<int>());
            Assert.Equal(27000.50m, version["figures"]!["amountSpent"]!.GetValue<decimal>());
        }

        // Submitted is not enough: staff are told, and the tranche waits for their decision.
        // (The first staff email asked them to countersign the agreement.)
        var staffMails = await client.WaitForMailsAsync(id, "staff-review", 2);
        Assert.Contains(staffMails, m => m.Text.Contains("report-1-v1", StringComparison.Ordinal));
        await Engine.WaitForEventsAsync(stack.Host, ApplicationIds.Instance(id), "ReportSubmitted", 1);
        await Engine.WaitUntilIdleAsync(stack.Host, ApplicationIds.Instance(id));
        var waiting = await client.ApplicationAsync(id);
        Assert.Equal("pending", waiting["award"]!["tranches"]![1]!["status"]!.GetValue<string>());
        Assert.Equal("submitted", Report(waiting, 1)["status"]!.GetValue<string>());

        using (var accepted = await client.DecideReportAsync(id, 1, "accept", "Chiffres conformes."))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var second = await Steps.WaitForTrancheAsync(client, id, 2, "due");
        using (var release = await client.ReleaseAsync(id, 2, second["amount"]!.GetValue<decimal>(), "release-2-" + id))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        // After the last tranche the final report is asked for; the application is not closed until staff accept it.
        var finalLink = await client.ReportLinkAsync(id, "final-report-request");
        Assert.Contains("/final-report", finalLink, StringComparison.Ordinal);
        using (var final = await client.SubmitReportAsync(finalLink, MouazaraClient.ReportBody(jobsCreated: 4, amountSpent: 45000m)))
        {
            Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        }

        await Engine.WaitForEventsAsync(stack.Host, ApplicationIds.Instance(id), "ReportSubmitted", 2);
        await Engine.WaitUntilIdleAsync(stack.Host, ApplicationIds.Instance(id));
        Assert.Equal("disbursing", (await client.ApplicationAsync(id))["status"]!.GetValue<string>());

        using (var accepted = await client.DecideReportAsync(id, 2, "accept", null))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var closed = await client.WaitForStatusAsync(id, "closed");
        var reports = closed["reports"]!.AsArray();
        Assert.Equal([1, 2], reports.Select(r => r!["number"]!.GetValue<int>()));
        Assert.Equal(["progress-report", "final-report"], reports.Select(r => r!["type"]!.GetValue<string>()));
        Assert.Equal(2, reports[0]!["tranche"]!.GetValue<int>());
        Assert.True(reports[1]!["final"]!.GetValue<bool>());
        Assert.All(reports, r => Assert.Equal("accepted", r!["status"]!.GetValue<string>()));
        var finalVersion = reports[1]!["versions"]!.AsArray().Single()!;
        Assert.Equal(4, finalVersion["figures"]!["jobsCreated"]!.GetValue<int>());
        Assert.Equal(64, finalVersion["file"]!["sha256"]!.GetValue<string>().Length);
        Assert.Equal("staff:staff-officer", finalVersion["decidedBy"]!.GetValue<string>());
        Assert.Equal(tranches.Count, closed["award"]!["tranches"]!.AsArray().Count(t => t!["status"]!.GetValue<string>() == "released"));
    }

    [Fact]
    public async Task Changes_requested_send_the_reason_and_a_new_link_and_the_second_version_is_kept_beside_the_first()
    {
        var (stack, id, _) = await FirstTrancheReleasedAsync("report-changes");
        var client = stack.Client;

        var link = await client.ReportLinkAsync(id, "report-request");
        using (var first = await client.SubmitReportAsync(link, MouazaraClient.ReportBody(beneficiaries: 100, beneficiariesWomen: 40)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        // While a version waits for staff, the link takes no other.
        using (var again = await client.SubmitReportAsync(link))
        {
            await Problem.AssertAsync(again, HttpStatusCode.Conflict, "report-not-awaited");
        }

        const string reason = "Le nombre de bénéficiaires ne correspond pas aux listes jointes; merci de le corriger.";
        using (var changes = await client.DecideReportAsync(id, 1, "changes-requested", reason))
        {
            Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
        }

        var mail = (await client.WaitForMailsAsync(id, "report-changes-requested")).Single();
        Assert.Contains(reason, mail.Text, StringComparison.Ordinal);
        var newLink = MouazaraClient.Links(mail, "uploads").Single();
        using (var second = await client.SubmitReportAsync(newLink, MouazaraClient.ReportBody(beneficiaries: 130, beneficiariesWomen: 80)))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        var report = await WaitForReportAsync(client, id, 1, r => r["versions"]!.AsArray().Count == 2);
        var versions = report["versions"]!.AsArray();
        Assert.Equal("changes-requested", versions[0]!["decision"]!.GetValue<string>());
        Assert.Equal(reason, versions[0]!["reason"]!.GetValue<string>());
        Assert.Equal(100, versions[0]!["figures"]!["beneficiaries"]!.GetValue<int>());
        Assert.Null(versions[1]!["decision"]);
        Assert.Equal(130, versions[1]!["figures"]!["beneficiaries"]!.GetValue<int>());

        // Both files are kept, each named with its report number and version.
        var app = await client.ApplicationAsync(id);
        var blobs = await StoredRows.BlobsAsync(app["edition"]!.GetValue<string>(), id, "progress-report");
        Assert.Equal(2, blobs.Count);
        Assert.Contains(blobs, b => b.Contains("/r01-v01-", StringComparison.Ordinal));
        Assert.Contains(blobs, b => b.Contains("/r01-v02-", StringComparison.Ordinal));
        var rows = await StoredRows.RowsAsync(stack.Prefix + "Reports", id);
        Assert.Equal(["01-00", "01-01", "01-02"], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));

        Assert.Equal("pending", app["award"]!["tranches"]![1]!["status"]!.GetValue<string>());
        using (var accepted = await client.DecideReportAsync(id, 1, "accept", "Corrigé."))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await Steps.WaitForTrancheAsync(client, id, 2, "due");
        var history = (await client.ApplicationAsync(id))["history"]!.AsArray().Select(h => h!["reason"]!.GetValue<string>()).ToList();
        Assert.Contains(history, h => h.StartsWith("Report 1 version 1: changes-requested", StringComparison.Ordinal));
        Assert.Contains(history, h => h.StartsWith("Report 1 version 2: accept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_json_reports_are_refused_naming_each_field_and_nothing_is_stored()
    {
        var (stack, id, _) = await FirstTrancheReleasedAsync("report-json");
        var client = stack.Client;
        var link = await client.ReportLinkAsync(id, "report-request");

        var cases = new (JsonObject Body, string[] Fields)[]
        {
            (MouazaraClient.ReportBody(beneficiaries: 10, beneficiariesWomen: 11), ["beneficiariesWomen"]),
            (MouazaraClient.ReportBody(jobsCreated: -1, jobsMaintained: -2), ["jobsCreated", "jobsMaintained"]),
            (MouazaraClient.ReportBody(amountSpent: 100.555m), ["amountSpent"]),
            (MouazaraClient.ReportBody(amountSpent: -1m), ["amountSpent"]),
            (MouazaraClient.ReportBody(narrative: "   "), ["narrative"]),
            (MouazaraClient.ReportBody(narrative: new string('x', 2001)), ["narrative"]),
            (MouazaraClient.ReportBody(file: TestFiles.Executable), ["file"]),
            (MouazaraClient.ReportBody(file: []), ["file"]),
            (Without(MouazaraClient.ReportBody(), "file"), ["file"]),
            (Without(MouazaraClient.ReportBody(), "beneficiaries", "narrative"), ["beneficiaries", "narrative"]),
        };
        foreach (var (body, fields) in cases)
        {
            using var response = await client.SubmitReportAsync(link, body);
            await Problem.AssertInvalidAsync(response, fields);
        }

        var mismatch = MouazaraClient.ReportBody(file: TestFiles.Png);
        using (var response = await client.SubmitReportAsync(link, mismatch))
        {
            await Problem.AssertInvalidAsync(response, "file");
        }

        using (var malformed = await client.SendAsync(HttpMethod.Post, MouazaraClient.PathOf(link),
            content: new StringContent("{\"jobsCreated\": \"three\"}", System.Text.Encoding.UTF8, "application/json")))
        {
            await Problem.AssertAsync(malformed, HttpStatusCode.BadRequest, "malformed-request");
        }

        using (var plain = await client.SendAsync(HttpMethod.Post, MouazaraClient.PathOf(link), content: new StringContent("rapport", System.Text.Encoding.UTF8, "text/plain")))
        {
            await Problem.AssertAsync(plain, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        }

        using (var forged = await client.SubmitReportAsync(Steps.Tamper(link)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        // A program posting the form with the file before the figures: the file was streamed, and is removed again.
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(TestFiles.Pdf("Rapport"));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "rapport.pdf");
            form.Add(new StringContent("1"), "jobsCreated");
            form.Add(new StringContent("1"), "jobsMaintained");
            form.Add(new StringContent("10"), "beneficiaries");
            form.Add(new StringContent("12"), "beneficiariesWomen");
            form.Add(new StringContent("100,50"), "amountSpent");
            form.Add(new StringContent("Récit."), "narrative");
            using var response = await client.SendAsync(HttpMethod.Post, MouazaraClient.PathOf(link), content: form);
            await Problem.AssertInvalidAsync(response, "beneficiariesWomen");
        }

        var app = await client.ApplicationAsync(id);
        Assert.Empty(Report(app, 1)["versions"]!.AsArray());
        Assert.Empty(await StoredRows.BlobsAsync(app["edition"]!.GetValue<string>(), id, "progress-report"));
        Assert.Equal(["01-00"], (await StoredRows.RowsAsync(stack.Prefix + "Reports", id)).Select(r => r.RowKey));
        Assert.DoesNotContain(app["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().Contains("submitted", StringComparison.Ordinal));

        // And the same link then takes a valid report.
        using var valid = await client.SubmitReportAsync(link);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
    }

    [Fact]
    public async Task Report_decisions_need_staff_a_known_report_a_submitted_version_and_a_valid_body_and_are_taken_once()
    {
        var (stack, id, _) = await FirstTrancheReleasedAsync("report-decide");
        var client = stack.Client;
        var link = await client.ReportLinkAsync(id, "report-request");

        using (var anonymous = await client.SendAsync(HttpMethod.Post, $"api/applications/{id}/reports/1/decision",
            content: System.Net.Http.Json.JsonContent.Create(new JsonObject { ["decision"] = "accept" })))
        {
            await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        }

        using (var finance = await client.DecideReportAsync(id, 1, "accept", bearer: await client.FinanceTokenAsync()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);
        }

        using (var unknownApp = await client.DecideReportAsync("app-unknown-" + Guid.NewGuid().ToString("N")[..8], 1, "accept"))
        {
            await Problem.AssertAsync(unknownApp, HttpStatusCode.NotFound, "not-found");
        }

        using (var unknownReport = await client.DecideReportAsync(id, 7, "accept"))
        {
            await Problem.AssertAsync(unknownReport, HttpStatusCode.NotFound, "not-found");
        }

        using (var notSubmitted = await client.DecideReportAsync(id, 1, "accept"))
        {
            await Problem.AssertAsync(notSubmitted, HttpStatusCode.Conflict, "report-not-submitted");
        }

        using (var submitted = await client.SubmitReportAsync(link))
        {
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        using (var noReason = await client.DecideReportAsync(id, 1, "changes-requested"))
        {
            await Problem.AssertInvalidAsync(noReason, "reason");
        }

        using (var longReason = await client.DecideReportAsync(id, 1, "accept", new string('r', 1001)))
        {
            await Problem.AssertInvalidAsync(longReason, "reason");
        }

        using (var badDecision = await client.DecideReportAsync(id, 1, "approve", "ok"))
        {
            await Problem.AssertInvalidAsync(badDecision, "decision");
        }

        using (var accepted = await client.DecideReportAsync(id, 1, "accept", "Conforme."))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var second = await client.DecideReportAsync(id, 1, "changes-requested", "Trop tard.", await client.SecondStaffTokenAsync()))
        {
            await Problem.AssertAsync(second, HttpStatusCode.Conflict, "report-already-decided");
        }

        await Steps.WaitForTrancheAsync(client, id, 2, "due");
        var version = Report(await client.ApplicationAsync(id), 1)["versions"]!.AsArray().Single()!;
        Assert.Equal("accept", version["decision"]!.GetValue<string>());
        Assert.Equal("Conforme.", version["reason"]!.GetValue<string>());
    }
}
