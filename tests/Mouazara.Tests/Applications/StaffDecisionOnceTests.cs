using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Applications;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Applications;

/// <summary>
/// A case waiting for staff takes one decision per stage: ten officers answering it at the same moment, with opposite
/// verdicts, leave one decision in the history and move the lifecycle once; the others are told it was already decided.
/// </summary>
public sealed class StaffDecisionOnceTests
{
    static Task<HttpResponseMessage> DecideAsync(MouazaraClient client, string id, string token, string decision, string reason) =>
        client.SendAsync(HttpMethod.Post, $"api/applications/{id}/decision", token,
            JsonContent.Create(new JsonObject { ["decision"] = decision, ["reason"] = reason }));

    static string Verdict(int officer) => officer % 2 == 0 ? "approve" : "reject";

    static string Reason(int officer) => $"Dossier examiné par l'agent {officer}.";

    /// <summary>Ten officers, every other one refusing, decide the case at once; returns the one who was heard.</summary>
    static async Task<int> TenOfficersDecideAsync(MouazaraClient client, string id, string stage)
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.StaffTokenAsync($"officer-{i}")));
        var answers = await Concurrently.SendAsync(10, i => DecideAsync(client, id, tokens[i], Verdict(i), Reason(i)));
        // A loser is told the stage was decided, or, arriving after the winner's decision moved the case on (a fast engine
        // does so within the burst), that it no longer waits for a decision.
        var winner = Concurrently.OneWins(answers, HttpStatusCode.Accepted, "already-decided", "not-awaiting-decision");
        Assert.Equal(stage, winner.Json!["stage"]!.GetValue<string>());
        Assert.Equal(Verdict(winner.Attempt), winner.Json!["decision"]!.GetValue<string>());
        return winner.Attempt;
    }

    /// <summary>
    /// Once the lifecycle reached <paramref name="status"/> and the engine has nothing left to do: the history holds one staff
    /// decision, the officer's, and the lifecycle reached that status once. Returns the staff view.
    /// </summary>
    static async Task<JsonObject> SettledOnceAsync(LocalStack stack, string id, int officer, string status)
    {
        await stack.Client.WaitForStatusAsync(id, status);
        await Engine.WaitUntilIdleAsync(stack.Host, ApplicationIds.Instance(id));
        var app = await stack.Client.ApplicationAsync(id);
        Assert.Equal(status, app["status"]!.GetValue<string>());
        var history = app["history"]!.AsArray().Select(h => h!).ToList();
        var decision = Assert.Single(history, h => h["reason"]!.GetValue<string>() is { } r
            && (r.StartsWith("approve: ", StringComparison.Ordinal) || r.StartsWith("reject: ", StringComparison.Ordinal)));
        Assert.Equal($"staff:officer-{officer}", decision["actor"]!.GetValue<string>());
        Assert.Equal($"{Verdict(officer)}: {Reason(officer)}", decision["reason"]!.GetValue<string>());
        Assert.Single(history, h => h["status"]!.GetValue<string>() == status);
        return app;
    }

    /// <summary>An application whose founding date nobody sent: the rules cannot settle it and it waits for staff.</summary>
    static async Task<string> AwaitingEligibilityDecisionAsync(MouazaraClient client)
    {
        var edition = LocalStack.NewId("decide-once");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments, foundedOn: null));
        Assert.Equal("eligibility", (await client.WaitForStatusAsync(id, "awaiting-staff-review"))["reviewStage"]!.GetValue<string>());
        return id;
    }

    [Fact]
    public async Task Ten_officers_deciding_one_eligibility_case_at_once_leave_one_decision_and_move_it_once()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var id = await AwaitingEligibilityDecisionAsync(client);

        var officer = await TenOfficersDecideAsync(client, id, "eligibility");

        var status = Verdict(officer) == "approve" ? "in-evaluation" : "ineligible";
        var app = await SettledOnceAsync(stack, id, officer, status);
        var staffRule = Assert.Single(app["eligibility"]!["rules"]!.AsArray(), r => r!["rule"]!.GetValue<string>() == "staff-review");
        Assert.Contains(Reason(officer), staffRule!["messageFr"]!.GetValue<string>(), StringComparison.Ordinal);

        // Moved once: an approved case sends the committee its three review tasks once, a refused one tells the applicant once.
        var mails = await client.OutboxAsync(id);
        if (status == "in-evaluation")
        {
            Assert.Equal(3, mails.Count(m => m.Template == "review-task"));
            Assert.DoesNotContain(mails, m => m.Template == "status-ineligible");
        }
        else
        {
            Assert.Contains(Reason(officer), Assert.Single(mails, m => m.Template == "status-ineligible").Text, StringComparison.Ordinal);
            Assert.DoesNotContain(mails, m => m.Template == "review-task");
        }
    }

    [Fact]
    public async Task Ten_officers_deciding_one_committee_case_at_once_leave_one_decision_and_move_it_once()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("decide-once");
        // Nobody votes: at the committee's deadline the case waits for staff.
        await client.PutEditionAsync(TestEditions.Fast(edition, committeeDeadline: "PT15S", committeeReminder: "PT5S", staffReminder: "PT10M"));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        var waiting = await client.WaitForStatusAsync(id, "awaiting-staff-review");
        Assert.Equal("committee", waiting["reviewStage"]!.GetValue<string>());

        var officer = await TenOfficersDecideAsync(client, id, "committee");

        var status = Verdict(officer) == "approve" ? "shortlisted" : "not-selected";
        var app = await SettledOnceAsync(stack, id, officer, status);
        Assert.Equal($"staff:officer-{officer}", app["evaluation"]!["decidedBy"]!.GetValue<string>());
        Assert.Equal(Verdict(officer), app["evaluation"]!["recommendation"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_officer_sending_the_same_decision_ten_times_at_once_gets_the_same_answer_each_time_and_it_counts_once()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var id = await AwaitingEligibilityDecisionAsync(client);
        var token = await client.StaffTokenAsync("officer-0");

        // A retrying browser or script: one decision, sent again before any answer came back.
        var answers = await Concurrently.SendAsync(10, _ => DecideAsync(client, id, token, Verdict(0), Reason(0)));

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.Accepted, a.ToString()));
        Assert.Single(answers.Select(a => a.Text).Distinct());
        await SettledOnceAsync(stack, id, 0, "in-evaluation");
        Assert.Equal(3, (await client.OutboxAsync(id)).Count(m => m.Template == "review-task"));
    }
}
