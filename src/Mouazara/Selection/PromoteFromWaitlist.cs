using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Selection;

/// <summary>
/// Money came back to a funder (a withdrawal, a lapsed award): the confirmed waitlist takes it, in its rank order,
/// each application whose request fits what the funder has left. The order was confirmed by two people with the
/// selection, so the promotion needs no new confirmation; it is recorded in the selection's history.
/// </summary>
/// <remarks>
/// Retried safely: an application promoted by this same return is listed again (its orchestration ignores an outcome
/// it has seen), never promoted twice.
/// </remarks>
[DurableTask(nameof(PromoteFromWaitlist))]
public sealed class PromoteFromWaitlist(ApplicationStore applications, IndicatorFactStore facts, EditionStore editions, SelectionStore selections) : TaskActivity<PromotionRequest, List<Promotion>>
{
    public override async Task<List<Promotion>> RunAsync(TaskActivityContext context, PromotionRequest request)
    {
        var edition = await editions.GetAsync(request.Edition);
        var round = await selections.FindRoundAsync(request.Edition);
        var proposal = await selections.ReadProposalAsync(round?.ProposalBlob);
        if (round?.Status != SelectionRoundStatuses.Confirmed || proposal is null)
        {
            return [];
        }

        var envelope = ProposeSelection.Funders(edition).FirstOrDefault(f => f.Id == request.Funder)?.EnvelopeCentimes ?? 0;
        var apps = new Dictionary<string, ApplicationEntity>(StringComparer.Ordinal);
        await foreach (var app in applications.ListAsync(request.Edition))
        {
            apps[app.ApplicationId] = app;
        }

        // What the funder still owes: every selection it pays, less what came back from withdrawn or lapsed awards.
        long committed = 0;
        var promoted = new List<Promotion>();
        foreach (var app in apps.Values)
        {
            var selection = Read(app);
            if (selection is { Outcome: SelectionOutcomes.Selected } && selection.Funder == request.Funder)
            {
                committed += Money.ToCentimes(selection.Amount ?? 0) - app.ReturnedCentimes;
                if (selection.Promotion == request.EventId)
                {
                    promoted.Add(new Promotion(app.ApplicationId, request.Funder, Money.ToCentimes(selection.Amount ?? 0)));
                    await facts.RecordSelectionAsync(request.Edition, app.ApplicationId, selection.Outcome, selection.Funder, Money.ToCentimes(selection.Amount ?? 0), null);
                }
            }
        }

        var left = envelope - committed;
        foreach (var entry in proposal.Waitlist.Where(w => w.FunderId == request.Funder).OrderBy(w => w.Rank))
        {
            if (!apps.TryGetValue(entry.ApplicationId, out var app) || app.Status != Statuses.Waitlisted
                || Read(app) is not { Outcome: SelectionOutcomes.Waitlisted } waitlisted)
            {
                continue;
            }

            var amount = Math.Min(app.RequestedCentimes, Money.ToCentimes(edition.Cap));
            if (amount > left)
            {
                continue;
            }

            left -= amount;
            var selection = waitlisted with
            {
                Outcome = SelectionOutcomes.Selected, Funder = request.Funder, Amount = Money.ToDirhams(amount), Rank = null, Promotion = request.EventId,
            };
            await applications.UpdateAsync(request.Edition, app.ApplicationId, a => a.SelectionJson = JsonSerializer.Serialize(selection, Json.Options));
            await facts.RecordSelectionAsync(request.Edition, app.ApplicationId, selection.Outcome, selection.Funder, amount, null);
            await applications.AppendHistoryAsync(app.ApplicationId, request.At, "promoted-" + request.EventId, app.Status, "selection",
                $"Promoted from the waitlist (rank {entry.Rank} for {request.Funder}) with money returned by {request.ReturnedBy}.");
            await selections.AppendHistoryAsync(request.Edition, request.At, $"promoted-{app.ApplicationId}", "selection",
                $"{app.ApplicationId} promoted from rank {entry.Rank} of the {request.Funder} waitlist: {Money.ToDirhams(amount):0.00} MAD returned by {request.ReturnedBy}.");
            promoted.Add(new Promotion(app.ApplicationId, request.Funder, amount));
        }

        return promoted;
    }

    static ApplicationSelection? Read(ApplicationEntity app) =>
        app.SelectionJson is null ? null : JsonSerializer.Deserialize<ApplicationSelection>(app.SelectionJson, Json.Options);
}

/// <param name="EventId">The return's id: one promotion per return, whatever the retries.</param>
public sealed record PromotionRequest(string Edition, string Funder, string EventId, string ReturnedBy, DateTimeOffset At);

public sealed record Promotion(string ApplicationId, string Funder, long AmountCentimes);

/// <summary>An award's unpaid money went back to its funder's envelope (withdrawal or lapse).</summary>
public sealed record AwardReturned(string EventId, string ApplicationId, string Funder, long AmountCentimes);
