using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Selection;

/// <summary>
/// Money came back to a funder (a withdrawal, a lapsed award): solves the selection again with every confirmed award
/// fixed and the waitlisted applications as candidates (see <see cref="WaitlistPromotion"/>), and stores the result as
/// a promotion proposal that a second staff member confirms, like the round's first proposal. Nothing is told to any
/// application here: only the confirmation promotes.
/// </summary>
/// <returns>True when a proposal is stored; false when the first solve of a promotion promotes nobody (nothing to confirm).</returns>
[DurableTask(nameof(ProposePromotion))]
public sealed partial class ProposePromotion(ApplicationStore applications, EditionStore editions, SelectionStore selections, ILogger<ProposePromotion> logger)
    : TaskActivity<PromotionProposalRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, PromotionProposalRequest request)
    {
        var round = await selections.FindRoundAsync(request.Edition);
        if (round is null || round.WaitlistClosedAt is not null)
        {
            return false;
        }

        if (round.Version >= request.Version && round.ProposalBlob is not null)
        {
            return round.Promotion == request.Promotion; // a retry after the proposal was stored
        }

        var edition = await editions.GetAsync(request.Edition);
        var awarded = new List<SelectionCandidate>();
        var awards = new List<SelectionFixedAward>();
        var waitlisted = new List<SelectionCandidate>();
        var spent = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var app in applications.ListAsync(request.Edition))
        {
            var selection = Read(app);
            if (app.Status == Statuses.Waitlisted)
            {
                waitlisted.Add(ProposeSelection.Candidate(app));
            }
            else if (selection is { Outcome: SelectionOutcomes.Selected, Funder: { } funder })
            {
                var amount = Money.ToCentimes(selection.Amount ?? 0);
                if (HasGivenBack(app))
                {
                    spent[funder] = spent.GetValueOrDefault(funder) + Math.Max(0, amount - app.ReturnedCentimes);
                }
                else
                {
                    awarded.Add(ProposeSelection.Candidate(app) with { AmountCentimes = amount });
                    awards.Add(new SelectionFixedAward(app.ApplicationId, funder));
                }
            }
        }

        var pins = (await selections.PinsAsync(request.Edition)).Select(p => new SelectionPin(p.ApplicationId, p.Pin, p.Reason)).ToList();
        var problem = WaitlistPromotion.Request(awarded, awards, waitlisted, ProposeSelection.Funders(edition), spent, ProposeSelection.Targets(edition.Targets),
            [.. Regions.All.Keys], pins, ProposeSelection.SolverBudget);
        var proposal = SelectionSolver.Solve(problem);
        var promoted = WaitlistPromotion.Promoted(proposal);
        var first = request.Version == round.Version + 1 && round.Promotion != request.Promotion;
        if (first && promoted.Count == 0)
        {
            await selections.AppendHistoryAsync(request.Edition, request.At, $"promotion-none-{request.EventId}", "selection",
                $"Money returned by {request.ReturnedBy}; re-solving the waitlist promotes nobody (solver {proposal.Solver.Status}).");
            return false;
        }

        var actor = first ? request.Actor : round.ProposedBy ?? request.Actor;
        var blob = await selections.SaveProposalAsync(request.Edition, request.Version, proposal);
        await selections.UpdateRoundAsync(request.Edition, r =>
        {
            r.Status = SelectionRoundStatuses.Proposed;
            r.Version = request.Version;
            r.ProposalBlob = blob;
            r.ProposedAt = request.At;
            r.ProposedBy = actor;
            r.ConfirmedBy = null;
            r.ConfirmedAt = null;
            r.Promotion = request.Promotion;
            r.PromotionTrigger = request.ReturnedBy;
            return true;
        });
        var what = string.Join(", ", promoted.Select(p => $"{p.ApplicationId} ({p.FunderId}, {Money.ToDirhams(p.AmountCentimes):0.00} MAD)"));
        await selections.AppendHistoryAsync(request.Edition, request.At, $"proposal-{request.Version}", actor,
            $"Promotion {request.Promotion} proposed (proposal {request.Version}) after money returned by {request.ReturnedBy}: "
            + $"{(promoted.Count == 0 ? "nobody" : what)} from the waitlist, solver {proposal.Solver.Status}.");
        foreach (var p in promoted)
        {
            var app = await applications.GetAsync(request.Edition, p.ApplicationId);
            await applications.AppendHistoryAsync(p.ApplicationId, request.At, $"promotion-proposed-{request.Version}", app.Status, actor,
                $"Proposed for promotion from the waitlist ({Money.ToDirhams(p.AmountCentimes):0.00} MAD from {p.FunderId}); waits for a second staff member.");
        }

        Log(logger, request.Edition, request.Promotion, request.Version, promoted.Count, proposal.Solver.Status);
        return true;
    }

    /// <summary>
    /// An award that is over: withdrawn or lapsed, or with its unpaid tranches already cancelled. The lifecycle hands
    /// the money back to the selection before it records the final status, so the promotion this sets off can read
    /// the row in between; counting that award as standing would leave no room and promote nobody.
    /// </summary>
    public static bool HasGivenBack(ApplicationEntity app) =>
        app.Status is Statuses.Withdrawn or Statuses.AwardLapsed || app.ReturnedCentimes > 0;

    static ApplicationSelection? Read(ApplicationEntity app) =>
        app.SelectionJson is null ? null : JsonSerializer.Deserialize<ApplicationSelection>(app.SelectionJson, Json.Options);

    [LoggerMessage(LogLevel.Information, "Selection of edition {Edition}: promotion {Promotion}, proposal {Version}, {Promoted} promoted, solver {Status}")]
    static partial void Log(ILogger logger, string edition, int promotion, int version, int promoted, string status);
}

/// <param name="Promotion">The promotion's number in the edition (1, 2, …); its overrides keep it.</param>
/// <param name="ReturnedBy">The application whose award returned the money.</param>
/// <param name="Actor">Who caused the return (the staff member who withdrew, or system for a lapse): the proposer, so someone else confirms.</param>
/// <param name="EventId">The return's id, for the history.</param>
public sealed record PromotionProposalRequest(string Edition, int Version, int Promotion, string ReturnedBy, string Actor, string EventId, DateTimeOffset At);
