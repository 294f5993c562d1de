using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Email;
using Mouazara.Local.DevTools;
using Mouazara.Storage;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Email;

/// <summary>
/// The send-once row is claimed before SendGrid is called: two attempts at the same email at once (an activity handed
/// out again while its first run is still sending) send it once, and a claim left by a sender that died runs out.
/// Real sender, real local SendGrid sink, real storage.
/// </summary>
public sealed class EmailSendOnceTests
{
    static OutgoingEmail Email(string scope) =>
        new(scope, "status-received", scope + "@example.org", "status-received", "fr", "Accusé de réception", "<p>Reçu.</p>", "Reçu.");

    static async Task<TableEntity> RowAsync(LocalStack stack, string scope) =>
        Assert.Single(await StoredRows.RowsAsync(stack.Prefix + "Emails", scope), r => r.RowKey == "status-received");

    [Fact]
    public async Task Two_attempts_at_one_email_at_once_send_it_once_and_the_second_is_retried_into_nothing()
    {
        var stack = await LocalStack.SharedAsync();
        var sender = stack.Host.Services.GetRequiredService<EmailSender>();
        var scope = LocalStack.NewId("claim");
        var email = Email(scope);
        // SendGrid answers the first attempt slowly, so the second starts while it is still sending.
        stack.Host.Services.GetRequiredService<MailSink>().SlowNext(email.To, 1, TimeSpan.FromSeconds(3));

        var first = sender.SendAsync(email);
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        var second = await Record.ExceptionAsync(() => sender.SendAsync(email));

        Assert.IsType<EmailNotSentException>(second);
        Assert.True(await first);
        Assert.False(await sender.SendAsync(email)); // the second attempt's retry: already sent, nothing sent again
        Assert.Single(await stack.Client.OutboxAsync(scope));
        var row = await RowAsync(stack, scope);
        Assert.Equal("sent", row.GetString("State"));
        Assert.Equal(1, row.GetInt32("Attempts"));
    }

    [Fact]
    public async Task A_claim_left_by_a_sender_that_died_holds_until_it_runs_out_then_the_email_is_sent()
    {
        var stack = await LocalStack.SharedAsync();
        var sender = stack.Host.Services.GetRequiredService<EmailSender>();
        var emails = stack.Host.Services.GetRequiredService<MouazaraStorage>().Emails;
        var now = stack.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var scope = LocalStack.NewId("claim");
        var email = Email(scope);
        var left = new EmailEntity
        {
            PartitionKey = scope, RowKey = email.DedupKey, Template = email.Template, Language = email.Language,
            State = "sending", Attempts = 1, ClaimedUntil = now.AddMinutes(1),
        };
        await emails.AddEntityAsync(left);

        await Assert.ThrowsAsync<EmailNotSentException>(() => sender.SendAsync(email));
        Assert.Empty(await stack.Client.OutboxAsync(scope));

        left.ClaimedUntil = now.AddSeconds(-1);
        await emails.UpsertEntityAsync(left, TableUpdateMode.Replace);
        Assert.True(await sender.SendAsync(email));
        Assert.Single(await stack.Client.OutboxAsync(scope));
        var row = await RowAsync(stack, scope);
        Assert.Equal("sent", row.GetString("State"));
        Assert.Equal(2, row.GetInt32("Attempts"));
    }
}
