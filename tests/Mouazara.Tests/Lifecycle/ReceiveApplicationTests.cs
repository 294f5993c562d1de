using Microsoft.Extensions.DependencyInjection;
using Mouazara.Documents;
using Mouazara.Lifecycle;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Lifecycle;

/// <summary>The second lifecycle's first stage, one activity: what the applicant and staff see of it, once, even when it runs again.</summary>
public sealed class ReceiveApplicationTests
{
    /// <summary>An application with five documents missing, its first stage done (the documents request sent).</summary>
    static async Task<(LocalStack Stack, string Edition, string Id)> SubmittedMissingDocumentsAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("receive");
        await stack.Client.PutEditionAsync(TestEditions.Fast(edition, documentsDeadline: "PT1H", documentsReminder: "PT30M"));
        var id = await stack.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes"]));
        await stack.Client.WaitForMailsAsync(id, "documents-request");
        return (stack, edition, id);
    }

    [Fact]
    public async Task Run_again_as_after_a_crash_the_first_stage_sends_no_second_receipt_or_request_and_adds_no_history_line()
    {
        var (stack, edition, id) = await SubmittedMissingDocumentsAsync();
        var client = stack.Client;
        await client.WaitForMailsAsync(id, "status-received");

        var before = await client.ApplicationAsync(id);
        var history = before["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["received", "awaiting-documents"], history);
        var receivedAt = before["history"]![0]!["at"]!.GetValue<DateTimeOffset>();

        // The same activity with the same orchestration time, as the engine delivers it again after a crash.
        var activity = ActivatorUtilities.CreateInstance<ReceiveApplication>(stack.Host.Services);
        var stage = await activity.RunAsync(null!, new DocumentsStageInput(id, edition, receivedAt));

        Assert.Equal(5, stage.Missing.Count);
        var after = await client.ApplicationAsync(id);
        Assert.Equal(history, after["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToList());
        Assert.Equal("awaiting-documents", after["status"]!.GetValue<string>());
        Assert.Equal(before["deadlineAt"]!.GetValue<string>(), after["deadlineAt"]!.GetValue<string>());
        var outbox = await client.OutboxAsync(id);
        Assert.Single(outbox, m => m.Template == "status-received");
        Assert.Single(outbox, m => m.Template == "documents-request");
    }

    [Fact]
    public async Task Run_again_later_as_an_episode_repeated_after_a_crash_the_first_stage_keeps_its_first_time_deadline_and_history()
    {
        var (stack, edition, id) = await SubmittedMissingDocumentsAsync();
        var client = stack.Client;
        var before = await client.ApplicationAsync(id);
        var receivedAt = before["history"]![0]!["at"]!.GetValue<DateTimeOffset>();

        // The engine runs an episode again when the host died before its history was saved: same activity, later start.
        var activity = ActivatorUtilities.CreateInstance<ReceiveApplication>(stack.Host.Services);
        var stage = await activity.RunAsync(null!, new DocumentsStageInput(id, edition, receivedAt.AddSeconds(40)));

        var after = await client.ApplicationAsync(id);
        Assert.Equal(before["history"]!.ToJsonString(), after["history"]!.ToJsonString());
        Assert.Equal("awaiting-documents", after["status"]!.GetValue<string>());
        Assert.Equal(before["deadlineAt"]!.GetValue<string>(), after["deadlineAt"]!.GetValue<string>());
        Assert.Equal(before["deadlineAt"]!.GetValue<DateTimeOffset>(), stage.Deadline);
        var outbox = await client.OutboxAsync(id);
        Assert.Single(outbox, m => m.Template == "documents-request");
    }
}
