using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Lifecycle;

/// <summary>
/// Staff withdraw an application at any stage: the lifecycle ends as <c>withdrawn</c>, the applicant is told why,
/// nothing more is paid and the unpaid money is recorded as returning to the funder's envelope.
/// </summary>
public sealed class WithdrawalTests
{
    static async Task<HttpResponseMessage> WithdrawAsync(MouazaraClient client, string id, string? reason, string? bearer = null) =>
        await client.SendAsync(HttpMethod.Post, $"api/applications/{id}/withdraw", bearer ?? await client.StaffTokenAsync(),
            JsonContent.Create(new JsonObject { ["reason"] = reason }));

    [Fact]
    public async Task An_application_waiting_for_documents_is_withdrawn_and_the_applicant_gets_the_reason_in_their_language()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("wd-docs");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes"], language: "ar"));
        await client.WaitForStatusAsync(id, "awaiting-documents");

        using (var noReason = await WithdrawAsync(client, id, "  "))
        {
            await Problem.AssertInvalidAsync(noReason, "reason");
        }

        using (var finance = await WithdrawAsync(client, id, "x", await client.FinanceTokenAsync()))
        {
            await Problem.AssertAsync(finance, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var unknown = await WithdrawAsync(client, "MZ-0000-000000", "x"))
        {
            await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Equal("awaiting-documents", (await client.ApplicationAsync(id))["status"]!.GetValue<string>());

        using (var accepted = await WithdrawAsync(client, id, "Double dépôt : la même association a déposé un autre dossier."))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var app = await client.WaitForStatusAsync(id, "withdrawn");
        Assert.Equal("Double dépôt : la même association a déposé un autre dossier.", app["withdrawal"]!["reason"]!.GetValue<string>());
        Assert.Contains(app["history"]!.AsArray(), h => h!["status"]!.GetValue<string>() == "withdrawn"
            && h["actor"]!.GetValue<string>().StartsWith("staff:", StringComparison.Ordinal));
        var mail = (await client.WaitForMailsAsync(id, "status-withdrawn")).Single();
        Assert.Contains("Double dépôt : la même association a déposé un autre dossier.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("سحب", mail.Subject, StringComparison.Ordinal);

        using var again = await WithdrawAsync(client, id, "Encore.");
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "already-final");
    }

    [Fact]
    public async Task An_application_under_evaluation_is_withdrawn_and_votes_no_longer_move_it()
    {
        var client = (await LocalStack.SharedAsync()).Client;
        var edition = LocalStack.NewId("wd-eval");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        var tasks = await client.WaitForMailsAsync(id, "review-task", 3);

        using (var accepted = await WithdrawAsync(client, id, "Conflit d'intérêts découvert avec un membre du bureau."))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await client.WaitForStatusAsync(id, "withdrawn");
        using (var vote = await client.VoteAsync(MouazaraClient.Links(tasks[0], "reviews").Single(), 90, "approve"))
        {
            Assert.NotEqual(HttpStatusCode.Created, vote.StatusCode);
        }

        await Engine.WaitUntilIdleAsync((await LocalStack.SharedAsync()).Host, "application-" + id);
        Assert.Equal("withdrawn", (await client.ApplicationAsync(id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ten_officers_withdrawing_one_application_at_once_withdraw_it_once()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("wd-race");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        await client.WaitForMailsAsync(id, "review-task", 3);
        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.StaffTokenAsync($"officer-{i}")));
        static string Reason(int officer) => $"Retrait demandé, dossier {officer}.";

        var answers = await Concurrently.SendAsync(10, i => WithdrawAsync(client, id, Reason(i), tokens[i]));

        // The lifecycle may have ended before a late request is read: that one is told the application is final.
        var winner = Concurrently.OneWins(answers, HttpStatusCode.Accepted, "already-withdrawn", "already-final");
        Assert.Equal(Reason(winner.Attempt), winner.Json!["reason"]!.GetValue<string>());
        await client.WaitForStatusAsync(id, "withdrawn");
        await Engine.WaitUntilIdleAsync(stack.Host, "application-" + id);
        var app = await client.ApplicationAsync(id);
        Assert.Equal(Reason(winner.Attempt), app["withdrawal"]!["reason"]!.GetValue<string>());
        var history = app["history"]!.AsArray();
        var requested = Assert.Single(history, h => h!["reason"]!.GetValue<string>().StartsWith("Withdrawal: ", StringComparison.Ordinal));
        Assert.Equal($"staff:officer-{winner.Attempt}", requested!["actor"]!.GetValue<string>());
        Assert.Single(history, h => h!["status"]!.GetValue<string>() == "withdrawn");
        Assert.Contains(Reason(winner.Attempt), Assert.Single(await client.OutboxAsync(id), m => m.Template == "status-withdrawn").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawn_while_disbursing_the_paid_tranche_stays_paid_the_rest_is_cancelled_and_finance_cannot_release_it()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("wd-pay");
        await client.PutEditionAsync(Steps.PatientEdition(edition, reportForSecondTranche: true));
        var app = await Steps.ApprovedAndDisbursingAsync(client, edition);
        var id = app["applicationId"]!.GetValue<string>();
        var first = await Steps.WaitForTrancheAsync(client, id, 1, "due");
        using (var release = await client.ReleaseAsync(id, 1, first["amount"]!.GetValue<decimal>(), "wd-1-" + id))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        using (var accepted = await WithdrawAsync(client, id, "Activité abandonnée par l'association."))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var after = await client.WaitForStatusAsync(id, "withdrawn");
        var tranches = after["award"]!["tranches"]!.AsArray();
        Assert.Equal("released", tranches.Single(t => t!["number"]!.GetValue<int>() == 1)!["status"]!.GetValue<string>());
        var second = tranches.Single(t => t!["number"]!.GetValue<int>() == 2)!;
        Assert.Equal("cancelled", second["status"]!.GetValue<string>());
        var returned = second["amount"]!.GetValue<decimal>().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(after["history"]!.AsArray(), h => h!["reason"]!.GetValue<string>().Contains(returned + " MAD returns to the envelope", StringComparison.Ordinal));

        using var late = await client.ReleaseAsync(id, 2, second["amount"]!.GetValue<decimal>(), "wd-2-" + id);
        await Problem.AssertAsync(late, HttpStatusCode.Conflict, "application-withdrawn");
        Assert.Single(await StoredRows.RowsAsync(stack.Prefix + "DisbursementLedger", id));
    }
}
