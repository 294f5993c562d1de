using System.Net;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement;

/// <summary>A report's deadline passing is not fatal, and not silent: the applicant is reminded, staff see it.</summary>
public sealed class ReportDeadlineTests
{
    [Fact]
    public async Task A_missed_report_deadline_reminds_the_applicant_tells_staff_and_a_late_report_still_counts()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("report-late");
        var config = Steps.PatientEdition(edition, reportForSecondTranche: true);
        config["disbursement"]!["reports"] = new JsonObject { ["deadline"] = "PT12S", ["reminderBefore"] = "PT6S", ["endOfDay"] = false };
        await client.PutEditionAsync(config);
        var app = await Steps.ApprovedAndDisbursingAsync(client, edition);
        var id = app["applicationId"]!.GetValue<string>();
        var first = await Steps.WaitForTrancheAsync(client, id, 1, "due");
        using (var release = await client.ReleaseAsync(id, 1, first["amount"]!.GetValue<decimal>(), "release-1-" + id))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        await client.WaitForMailsAsync(id, "report-request");
        await client.WaitForMailsAsync(id, "report-reminder");
        var staff = await client.WaitForMailsAsync(id, "staff-review", 2); // the first asked them to countersign the agreement
        Assert.Contains(staff, m => m.Text.Contains("report-1-late", StringComparison.Ordinal));

        var late = await client.ApplicationAsync(id);
        Assert.Equal("disbursing", late["status"]!.GetValue<string>());
        var report = late["reports"]!.AsArray().Single()!;
        Assert.NotNull(report["lateAt"]);
        Assert.Contains(late["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().StartsWith("Report 1 is late", StringComparison.Ordinal));

        // The report sent after its deadline is taken, and once accepted the tranche falls due.
        await client.SubmitAndAcceptReportAsync(id, "report-request");
        await Steps.WaitForTrancheAsync(client, id, 2, "due");
    }
}
