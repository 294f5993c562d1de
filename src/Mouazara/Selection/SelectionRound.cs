using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Selection;

/// <summary>
/// One edition's selection round, durable like an application: it waits for the call to close (the edition's
/// closing, or staff closing it early), then until no application of the edition is still in documents,
/// eligibility or evaluation (or staff start the selection at once, leaving those out), then proposes the best
/// portfolio; each staff override proposes again, until two people have confirmed one. Confirmation itself is done
/// by the HTTP handler, which tells every application. The round then serves the waitlist: each return of money is
/// re-solved into a promotion proposal, confirmed the same two-person way, until nobody waits or staff close it.
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
                await PromoteAsync(context, round, changes, version);
                return SelectionRoundStatuses.Confirmed;
            }
        }
    }

    /// <summary>
    /// After confirmation the round stays to serve its waitlist: each award's money that comes back is re-solved into a
    /// promotion proposal (every confirmed award fixed, the waitlisted as candidates), which staff may pin like the first
    /// and a second person confirms; the confirmation, done by the HTTP handler, promotes. It ends once nobody is left
    /// waiting (the waitlist emptied, or staff closed it).
    /// </summary>
    static async Task PromoteAsync(TaskOrchestrationContext context, SelectionRoundInput round, EventWaiter<SelectionChanged> changes, int version)
    {
        var returns = new EventWaiter<AwardReturned>(context, nameof(AwardReturned));
        var promotion = 0;
        while (await context.CallActivityAsync<int>(nameof(CountWaitlisted), round.Edition, Orchestration.Retry) > 0)
        {
            var returned = await returns.NextAsync(context.Now() + TimeSpan.FromDays(7));
            if (returned is null)
            {
                continue;
            }

            var request = new PromotionProposalRequest(round.Edition, version + 1, promotion + 1, returned.ApplicationId, returned.Actor ?? "system",
                returned.EventId, context.Now());
            if (!await context.CallActivityAsync<bool>(nameof(ProposePromotion), request, Orchestration.Retry))
            {
                continue;
            }

            version++;
            promotion++;
            SelectionChanged? change;
            while (true)
            {
                while ((change = await changes.NextAsync(context.Now() + TimeSpan.FromDays(30))) is null)
                {
                }

                if (change.Confirmed)
                {
                    // A confirmation repeated for an earlier proposal is not this one's.
                    if (change.EventId == $"confirmed-{version}")
                    {
                        break;
                    }

                    continue;
                }

                version++;
                await context.CallActivityAsync<bool>(nameof(ProposePromotion), request with { Version = version, At = context.Now() }, Orchestration.Retry);
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

/// <summary>An award's unpaid money went back to its funder's envelope (withdrawal or lapse).</summary>
/// <param name="Actor">Who caused it: the staff member who withdrew, or system for a lapse. Proposes the promotion.</param>
public sealed record AwardReturned(string EventId, string ApplicationId, string Funder, long AmountCentimes, string? Actor = null);
