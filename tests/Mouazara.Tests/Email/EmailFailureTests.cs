using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Local.DevTools;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Email;

/// <summary>
/// SendGrid fails as any service does: an error status, or no answer at all. The send is retried by the durable
/// retry policy until it goes through, and a message that went through is never sent again.
/// </summary>
public sealed class EmailFailureTests
{
    static async Task<(LocalStack Stack, string Id, string To)> SubmitAsync(Action<MailSink, string> fault)
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("mailfail");
        await stack.Client.PutEditionAsync(Steps.PatientEdition(edition));
        var submissionId = LocalStack.NewId("sub");
        var to = submissionId + "@example.org";
        fault(stack.Host.Services.GetRequiredService<MailSink>(), to);
        // Every document: the receipt is then the only mail the applicant's address gets in the first stage (a documents
        // request would go out beside it and could take the refusal meant for the receipt).
        var body = TestSubmissions.Build(edition, submissionId, TestSubmissions.AllAssociationDocuments);
        body["applicant"]!["email"] = to;
        return (stack, await stack.Client.SubmitAcceptedAsync(body), to);
    }

    static async Task AssertSentOnceAfterAsync(LocalStack stack, string id, string to, int attempts)
    {
        var receipt = Assert.Single(await stack.Client.WaitForMailsAsync(id, "status-received"));
        Assert.Equal(to, receipt.To);
        await Engine.WaitUntilIdleAsync(stack.Host, Mouazara.Applications.ApplicationIds.Instance(id));
        Assert.Single(await stack.Client.OutboxAsync(id), m => m.Template == "status-received");
        var row = Assert.Single(await StoredRows.RowsAsync(stack.Prefix + "Emails", id), r => r.RowKey == "status-received");
        Assert.Equal("sent", row.GetString("State"));
        Assert.Equal(attempts, row.GetInt32("Attempts"));
    }

    [Fact]
    public async Task A_receipt_refused_twice_with_503_is_retried_and_sent_once()
    {
        var (stack, id, to) = await SubmitAsync((sink, to) => sink.FailNext(to, 2, HttpStatusCode.ServiceUnavailable));
        await AssertSentOnceAfterAsync(stack, id, to, attempts: 3);

        // The lifecycle went on: the committee got its review tasks.
        await stack.Client.WaitForMailsAsync(id, "review-task", 3);
    }

    [Fact]
    public async Task A_send_that_never_answers_times_out_is_retried_and_sent_once()
    {
        var (stack, id, to) = await SubmitAsync((sink, to) => sink.FailNext(to, 1, HttpStatusCode.GatewayTimeout, TimeSpan.FromSeconds(30)));
        await AssertSentOnceAfterAsync(stack, id, to, attempts: 2);
    }

    /// <summary>
    /// One activity sends the staff notice to each staff address in turn; the second refused makes the whole activity run
    /// again, and the send-once record is what keeps the first address from getting it twice.
    /// </summary>
    [Fact]
    public async Task A_notice_refused_for_its_second_recipient_is_retried_without_sending_the_first_one_again()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("mailfail");
        string[] staff = [edition + ".first@example.org", edition + ".second@example.org"];
        var config = TestEditions.Fast(edition, staffReminder: "PT20M");
        config["staffEmails"] = new JsonArray(staff[0], staff[1]);
        await stack.Client.PutEditionAsync(config);
        stack.Host.Services.GetRequiredService<MailSink>().FailNext(staff[1], 1, HttpStatusCode.ServiceUnavailable);

        // No founding date: eligibility cannot settle it, so staff are asked.
        var id = await stack.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, foundedOn: null));
        await stack.Client.WaitForStatusAsync(id, "awaiting-staff-review");
        await stack.Client.WaitForMailsAsync(id, "staff-review", 2);
        await Engine.WaitUntilIdleAsync(stack.Host, Mouazara.Applications.ApplicationIds.Instance(id));

        Assert.Equal(staff, (await stack.Client.OutboxAsync(id)).Where(m => m.Template == "staff-review").Select(m => m.To).Order(StringComparer.Ordinal));
    }
}
