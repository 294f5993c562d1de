using System.Net;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Eligibility;
using Mouazara.Testing;
using Mouazara.Tests.Eligibility;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Applications;

/// <summary>A staff decision carries the stage it was taken for; one left in the queue from an earlier stage settles nothing later.</summary>
public sealed class StaleDecisionTests
{
    [Fact]
    public async Task A_decision_from_the_eligibility_stage_does_not_settle_the_committee_stage()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("stale");
        await client.PutEditionAsync(TestEditions.Fast(edition, committeeDeadline: "PT15S", committeeReminder: "PT5S", staffReminder: "PT10M"));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        await client.WaitForStatusAsync(id, "in-evaluation");

        // What a repeated eligibility decision leaves behind: an event naming its stage, still queued.
        await Engine.Client(stack.Host).RaiseEventAsync(ApplicationIds.Instance(id), nameof(StaffDecision),
            new StaffDecision("decision-eligibility", true, "Date de création vérifiée.", "staff:someone", "eligibility"));

        // Nobody votes: at the committee's deadline the case waits for staff, and the stale decision must not answer it.
        await client.WaitForStatusAsync(id, "awaiting-staff-review");
        await Engine.WaitUntilIdleAsync(stack.Host, ApplicationIds.Instance(id));
        var waiting = await client.ApplicationAsync(id);
        Assert.Equal("awaiting-staff-review", waiting["status"]!.GetValue<string>());
        Assert.Equal("committee", waiting["reviewStage"]!.GetValue<string>());

        using var decision = await EligibilityWorkflowTests.Decide(client, id, "reject", "Projet hors du champ de l'appel.");
        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        var app = await client.WaitForStatusAsync(id, "not-selected");
        Assert.Equal("staff:" , app["evaluation"]!["decidedBy"]!.GetValue<string>()[..6]);
    }
}
