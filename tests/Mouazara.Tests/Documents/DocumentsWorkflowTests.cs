using System.Net;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Documents;

public sealed class DocumentsWorkflowTests
{
    [Fact]
    public async Task Missing_documents_are_asked_for_once_with_one_signed_link_each_and_uploading_them_moves_the_application_on()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("docs");
        await client.PutEditionAsync(TestEditions.Fast(edition, documentsDeadline: "PT120S", documentsReminder: "PT30S"));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes", "budget"], language: "ar"));

        var request = (await client.WaitForMailsAsync(id, "documents-request")).Single();
        var links = MouazaraClient.Links(request, "uploads");
        Assert.Equal(["bank-certificate", "board-minutes", "legal-registration", "project-description"], links.Select(l => l.Split('/')[^1]).Order());
        Assert.Contains("dir=\"rtl\"", request.Html, StringComparison.Ordinal);
        Assert.Equal("awaiting-documents", (await client.ApplicationAsync(id))["status"]!.GetValue<string>());

        foreach (var link in links)
        {
            using var upload = await client.UploadAsync(link, TestFiles.Pdf(link.Split('/')[^1]));
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var app = await client.WaitForStatusAsync(id, "in-evaluation");
        Assert.Equal(6, app["documents"]!.AsArray().Count);
        Assert.Single(await client.OutboxAsync(id), m => m.Template == "documents-request");
    }

    [Fact]
    public async Task An_applicant_who_never_completes_the_file_is_reminded_before_the_deadline_and_then_told_it_is_incomplete()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("late");
        await client.PutEditionAsync(TestEditions.Fast(edition, documentsDeadline: "PT6S", documentsReminder: "PT3S"));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes"]));

        var reminder = (await client.WaitForMailsAsync(id, "documents-reminder")).Single();
        Assert.Equal(5, MouazaraClient.Links(reminder, "uploads").Count);

        // Each emailed link lives exactly until the stage's deadline, the one the applicant is shown.
        var deadline = DateTimeOffset.Parse((await client.ApplicationAsync(id))["deadlineAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(MouazaraClient.Links(reminder, "uploads"), l => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(deadline.ToUnixTimeSeconds()), MouazaraClient.ExpiryOf(l)));
        var app = await client.WaitForStatusAsync(id, "incomplete");
        var mails = await client.WaitForMailsAsync(id, "status-incomplete");
        Assert.Contains("incomplet", mails.Single().Subject, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(reminder.ReceivedAt.ToString("O"), System.Globalization.CultureInfo.InvariantCulture)
            <= DateTimeOffset.Parse(app["updatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        // Past its lifetime a link is not valid: 401, whatever the stage.
        var link = MouazaraClient.Links(reminder, "uploads")[0];
        await MouazaraClient.WaitUntilExpiredAsync(link);
        using var late = await client.UploadAsync(link, TestFiles.Pdf());
        await Problem.AssertAsync(late, HttpStatusCode.Unauthorized, "invalid-link");
        Assert.Single((await client.ApplicationAsync(id))["documents"]!.AsArray());
    }
}
