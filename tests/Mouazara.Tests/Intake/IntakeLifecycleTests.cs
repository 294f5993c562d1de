using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Intake.Inbox;
using Mouazara.Testing;
using Mouazara.Tests.Intake.Support;
using Mouazara.Tests.Lifecycle;

namespace Mouazara.Tests.Intake;

/// <summary>
/// A provider's delivery runs the application's lifecycle as a sub-orchestration of its intake: the intake's
/// history must stay readable for the application's whole life, so that it completes when the application does.
/// </summary>
public sealed class IntakeLifecycleTests
{
    [Fact]
    public async Task A_Kobo_application_runs_to_closed_and_its_intake_completes_with_it()
    {
        var stack = await IntakeStack.SharedAsync();
        var client = stack.Client;
        var edition = await stack.NewEditionAsync("kobolife");
        var form = Samples.NewFormId("aKobo");
        stack.WriteMapping("kobo", edition, form);
        var sample = Samples.Kobo(stack.Files, form);
        var deliveryId = await stack.DeliverAcceptedAsync("kobo", sample.Bytes);
        var id = Samples.ApplicationIdFor("kobo", sample.SubmissionId);
        await stack.WaitForApplicationAsync(id, documents: 6);

        foreach (var task in await client.WaitForMailsAsync(id, "review-task", 3))
        {
            using var vote = await client.VoteAsync(MouazaraClient.Links(task, "reviews").Single(), 80, "approve");
            Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        }

        await client.SelectAsync(edition, id);
        await client.ReturnSignedAgreementAsync(id);
        var app = await client.WaitForStatusAsync(id, "disbursing");
        foreach (var tranche in app["award"]!["tranches"]!.AsArray())
        {
            var number = tranche!["number"]!.GetValue<int>();
            await LifecycleTests.WaitForTrancheAsync(client, id, number, "due");
            using var release = await client.ReleaseAsync(id, number, tranche["amount"]!.GetValue<decimal>(), $"{id}-{number}");
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        await client.FinalReportAcceptedAsync(id);
        await client.WaitForStatusAsync(id, "closed");
        var durable = stack.Host.Services.GetRequiredService<DurableTaskClient>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var key = deliveryId["kobo-".Length..];
        var intake = await durable.WaitForInstanceCompletionAsync(DeliveryInbox.InstanceId("kobo", key, 1), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, intake.RuntimeStatus);
        Assert.Equal("closed", intake.ReadOutputAs<string>());
    }
}
