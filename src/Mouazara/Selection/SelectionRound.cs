using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Selection;

/// <summary>
/// One edition's selection round, durable like an application: it waits for the call to close (the edition's
/// closing, or staff closing it early), then until no application of the edition is still in documents,
/// eligibility or evaluation (or staff start the selection at once, leaving those out), then proposes the best
/// portfolio; each staff override proposes again, until two people have confirmed one. Confirmation itself is done
/// by the HTTP handler, which tells every application; the round then ends.
/// </summary>
/// <remarks>Deterministic: what it needs arrives as input or from its activities; every wait is bounded.</remarks>
[DurableTask(nameof(SelectionRound))]
public sealed class SelectionRound : TaskOrchestrator<SelectionRoundInput, string>
{
    /// <summary>How often to look again whether the last applications have left evaluation.</summary>
    static readonly TimeSpan OpenApplicationsPoll = TimeSpan.FromHours(1);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, SelectionRoundInput round)
    {
        var closings = new EventWaiter<CallClosed>(context, nameof(CallClosed));
        var closing = round.ClosesAt;
        while (await closings.NextAsync(closing) is null)
        {
            // The edition's closing may have moved since the round started: the activity reads it again.
            var now = context.Now();
            closing = await context.CallActivityAsync<DateTimeOffset>(nameof(ReadClosing), round.Edition, Orchestration.Retry);
            if (closing <= now)
            {
                break;
            }
        }

        var requests = new EventWaiter<SelectionRequested>(context, nameof(SelectionRequested));
        await context.CallActivityAsync(nameof(RecordRoundStep), new RoundStep(round.Edition, SelectionRoundStatuses.Waiting, context.Now()), Orchestration.Retry);
        while (await context.CallActivityAsync<int>(nameof(CountOpenApplications), round.Edition, Orchestration.Retry) > 0)
        {
            if (await requests.NextAsync(context.Now() + OpenApplicationsPoll) is not null)
            {
                break;
            }
        }

        var changes = new EventWaiter<SelectionChanged>(context, nameof(SelectionChanged));
        for (var version = 1; ; version++)
        {
            await context.CallActivityAsync(nameof(ProposeSelection), new ProposalRequest(round.Edition, version, context.Now()), Orchestration.Retry);
            SelectionChanged? change;
            while ((change = await changes.NextAsync(context.Now() + TimeSpan.FromDays(30))) is null)
            {
            }

            if (change.Confirmed)
            {
                await PromoteAsync(context, round);
                return SelectionRoundStatuses.Confirmed;
            }
        }
    }

    /// <summary>
    /// After confirmation the round stays to serve its waitlist: each award's money that comes back promotes the next
    /// waitlisted applications that fit. It ends once nobody is left waiting.
    /// </summary>
    static async Task PromoteAsync(TaskOrchestrationContext context, SelectionRoundInput round)
    {
        var returns = new EventWaiter<AwardReturned>(context, nameof(AwardReturned));
        while (await context.CallActivityAsync<int>(nameof(CountWaitlisted), round.Edition, Orchestration.Retry) > 0)
        {
            var returned = await returns.NextAsync(context.Now() + TimeSpan.FromDays(7));
            if (returned is null)
            {
                continue;
            }

            var promoted = await context.CallActivityAsync<List<Promotion>>(nameof(PromoteFromWaitlist),
                new PromotionRequest(round.Edition, returned.Funder, returned.EventId, returned.ApplicationId, context.Now()), Orchestration.Retry);
            foreach (var promotion in promoted)
            {
                context.SendEvent(ApplicationIds.Instance(promotion.ApplicationId), nameof(SelectionOutcome),
                    new SelectionOutcome("promotion-" + returned.EventId, SelectionOutcomes.Selected, promotion.Funder, promotion.AmountCentimes));
            }
        }
    }
}

public sealed record SelectionRoundInput(string Edition, DateTimeOffset ClosesAt);

public sealed record RoundStep(string Edition, string Status, DateTimeOffset At);

public sealed record ProposalRequest(string Edition, int Version, DateTimeOffset At);

/// <summary>Staff closed the call before its date.</summary>
public sealed record CallClosed(string EventId, string Actor);

/// <summary>Staff asked for the selection now, leaving out applications still before the committee's result.</summary>
public sealed record SelectionRequested(string EventId, string Actor);

/// <summary>Staff pinned an application in or out (propose again), or confirmed the proposal (the round ends).</summary>
public sealed record SelectionChanged(string EventId, string Actor, bool Confirmed);
