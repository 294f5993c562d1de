using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Selection;

/// <summary>
/// <c>/api/editions/{id}/close</c> and <c>/api/editions/{id}/selection…</c>: staff close a call, start its selection,
/// read the proposal, pin applications in or out, and confirm, two people: the one who confirms is never the one
/// who last proposed or overrode. Confirming tells every application its outcome.
/// </summary>
public sealed class SelectionEndpoints(BearerAuthenticator auth, EditionStore editions, ApplicationStore applications, IndicatorFactStore facts, SelectionStore selections, TimeProvider time)
{
    /// <summary>Outcomes are raised a few at a time: an edition has hundreds of applications, not all at once.</summary>
    const int PublishConcurrency = 8;

    public async Task<IResult> GetAsync(HttpContext http, string id)
    {
        var (_, edition, refusal) = await StaffAndEditionAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        return TypedResults.Json(await ViewAsync(edition!.Id, http.RequestAborted), Json.Options);
    }

    public async Task<IResult> CloseAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (caller, edition, refusal) = await StaffAndEditionAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        var actor = Actor(caller!);
        var now = time.GetUtcNow();
        var closedHere = false;
        var round = await selections.UpdateRoundAsync(edition!.Id, r =>
        {
            if (r.Status != SelectionRoundStatuses.Open)
            {
                return false;
            }

            closedHere = true;
            r.Status = SelectionRoundStatuses.Waiting;
            r.ClosedAt = now;
            r.ClosedBy = actor;
            r.ProposedBy = actor;
            return true;
        }, http.RequestAborted);
        // The same person closing again (a retry) is told it is closed; anyone else, or once the selection has moved on, 409.
        if (!closedHere && (round.ClosedBy != actor || round.Status != SelectionRoundStatuses.Waiting))
        {
            return Problems.Conflict("call-closed", "The call of this edition is already closed.", $"Closed {round.ClosedAt:O} by {round.ClosedBy}.");
        }

        // Started here when nobody started it before (the round then finds the call closed at once); raised again on a retry.
        await SelectionRoundStarter.StartAsync(client, edition, http.RequestAborted);
        await client.RaiseEventAsync(SelectionRoundStatuses.Instance(edition.Id), nameof(CallClosed), new CallClosed("close", actor), http.RequestAborted);
        await selections.AppendHistoryAsync(edition.Id, round.ClosedAt ?? now, "call-closed-by-staff", actor, "Staff closed the call.", http.RequestAborted);
        return TypedResults.Accepted((string?)null, await ViewAsync(edition.Id, http.RequestAborted));
    }

    public async Task<IResult> StartAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (caller, edition, refusal) = await StaffAndEditionAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        var round = await selections.FindRoundAsync(edition!.Id, http.RequestAborted);
        switch (round?.Status ?? SelectionRoundStatuses.Open)
        {
            case SelectionRoundStatuses.Open:
                return Problems.Conflict("call-open", "The call of this edition is still open.", $"Close it first: POST /api/editions/{edition.Id}/close.");
            case SelectionRoundStatuses.Proposed or SelectionRoundStatuses.Confirmed:
                return Problems.Conflict("selection-proposed", "This edition's selection has already been proposed.", $"Its status is {round!.Status}.");
        }

        var actor = Actor(caller!);
        await selections.UpdateRoundAsync(edition.Id, r =>
        {
            r.ProposedBy = actor;
            return true;
        }, http.RequestAborted);
        await SelectionRoundStarter.StartAsync(client, edition, http.RequestAborted);
        await client.RaiseEventAsync(SelectionRoundStatuses.Instance(edition.Id), nameof(SelectionRequested), new SelectionRequested("start", actor), http.RequestAborted);
        await selections.AppendHistoryAsync(edition.Id, time.GetUtcNow(), "selection-requested", actor,
            "Staff started the selection; applications still before the committee's result are left out.", http.RequestAborted);
        return TypedResults.Accepted((string?)null, await ViewAsync(edition.Id, http.RequestAborted));
    }

    public async Task<IResult> OverrideAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (caller, edition, refusal) = await StaffAndEditionAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        var (request, problem) = await JsonBody.ReadAsync<OverrideRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (!ApplicationIds.IsWellFormed(request!.ApplicationId))
        {
            errors["applicationId"] = ["Required: an application id of this edition (MZ-…)."];
        }

        if (request.Pin is not (SelectionPin.In or SelectionPin.Out))
        {
            errors["pin"] = ["Use in or out."];
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000)
        {
            errors["reason"] = ["Required: why, in at most 1000 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var app = await applications.FindAsync(edition!.Id, request.ApplicationId!, http.RequestAborted);
        if (app is null)
        {
            return Problems.NotFound("application in this edition");
        }

        if (app.Status is not (Statuses.Shortlisted or Statuses.Waitlisted))
        {
            return Problems.Invalid("applicationId", $"Only a shortlisted application can be pinned; this one is {app.Status}.");
        }

        var round = await selections.FindRoundAsync(edition.Id, http.RequestAborted);
        if (round?.Status is not SelectionRoundStatuses.Proposed)
        {
            return Problems.Conflict("no-proposal", "There is no proposal to override.", $"The selection is {round?.Status ?? SelectionRoundStatuses.Open}.");
        }

        var actor = Actor(caller!);
        var now = time.GetUtcNow();
        var reason = request.Reason!.Trim();
        await selections.PinAsync(edition.Id, new SelectionPinEntity { ApplicationId = app.ApplicationId, Pin = request.Pin!, Reason = reason, Actor = actor, At = now },
            http.RequestAborted);
        await selections.UpdateRoundAsync(edition.Id, r =>
        {
            r.Status = SelectionRoundStatuses.Running;
            r.ProposedBy = actor;
            return true;
        }, http.RequestAborted);
        var key = $"pin-{app.ApplicationId}-{now.ToUnixTimeMilliseconds()}";
        await selections.AppendHistoryAsync(edition.Id, now, key, actor, $"Pinned {app.ApplicationId} {request.Pin}: {reason}", http.RequestAborted);
        await applications.AppendHistoryAsync(app.ApplicationId, now, key, app.Status, actor, $"Pinned {request.Pin} of the selection: {reason}", http.RequestAborted);
        await client.RaiseEventAsync(SelectionRoundStatuses.Instance(edition.Id), nameof(SelectionChanged), new SelectionChanged(key, actor, Confirmed: false),
            http.RequestAborted);
        return TypedResults.Accepted((string?)null, await ViewAsync(edition.Id, http.RequestAborted));
    }

    public async Task<IResult> ConfirmAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (caller, edition, refusal) = await StaffAndEditionAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        var actor = Actor(caller!);
        var round = await selections.FindRoundAsync(edition!.Id, http.RequestAborted);
        var resuming = round?.Status == SelectionRoundStatuses.Confirmed && round.ConfirmedBy == actor;
        if (round?.Status != SelectionRoundStatuses.Proposed && !resuming)
        {
            return Problems.Conflict("nothing-to-confirm", "There is no proposal to confirm.", $"The selection is {round?.Status ?? SelectionRoundStatuses.Open}.");
        }

        if (round!.ProposedBy == actor)
        {
            return Problems.Create(403, "same-person", "A second staff member must confirm.",
                "The selection is confirmed by someone other than the person who last proposed or overrode it.");
        }

        var proposal = await selections.ReadProposalAsync(round.ProposalBlob, http.RequestAborted);
        if (proposal is null || !proposal.HasPortfolio)
        {
            return Problems.Conflict("no-portfolio", "The proposal holds no portfolio to confirm.",
                string.Join(" ", proposal?.Problems.Select(p => p.Text) ?? []));
        }

        var now = time.GetUtcNow();
        var version = round.Version;
        var confirmed = await selections.UpdateRoundAsync(edition.Id, r =>
        {
            if (r.Status != SelectionRoundStatuses.Proposed || r.Version != version)
            {
                return false;
            }

            r.Status = SelectionRoundStatuses.Confirmed;
            r.ConfirmedBy = actor;
            r.ConfirmedAt = now;
            return true;
        }, http.RequestAborted);
        if (confirmed.Status != SelectionRoundStatuses.Confirmed || confirmed.Version != version || confirmed.ConfirmedBy != actor)
        {
            return Problems.Conflict("selection-changed", "The selection changed while you confirmed it.", "Read it again before confirming.");
        }

        if (confirmed.Promotion is { } promotion)
        {
            await PublishPromotionAsync(client, edition.Id, version, promotion, proposal, confirmed.ConfirmedAt ?? now, actor, http.RequestAborted);
        }
        else
        {
            await PublishAsync(client, edition.Id, version, proposal, confirmed.ConfirmedAt ?? now, actor, http.RequestAborted);
            await selections.AppendHistoryAsync(edition.Id, confirmed.ConfirmedAt ?? now, $"confirmed-{version}", actor,
                $"Proposal {version} confirmed: {proposal.Selected.Count} selected, {proposal.Waitlist.Select(w => w.ApplicationId).Distinct().Count()} waitlisted.", http.RequestAborted);
        }

        // A repeated confirmation may find the round already ended by the first.
        if (await client.GetInstanceAsync(SelectionRoundStatuses.Instance(edition.Id), http.RequestAborted) is { IsRunning: true })
        {
            await client.RaiseEventAsync(SelectionRoundStatuses.Instance(edition.Id), nameof(SelectionChanged),
                new SelectionChanged($"confirmed-{version}", actor, Confirmed: true), http.RequestAborted);
        }
        return TypedResults.Ok(await ViewAsync(edition.Id, http.RequestAborted));
    }

    /// <summary>
    /// Tells every shortlisted application its outcome: the read model first (what staff and the applicant's email read),
    /// then the event its orchestration waits for. Each step is idempotent, so a confirmation repeated after a failure
    /// finishes what the first began.
    /// </summary>
    async Task PublishAsync(DurableTaskClient client, string edition, int version, SelectionProposal proposal, DateTimeOffset at, string actor,
        CancellationToken cancellationToken)
    {
        var cutOffs = proposal.Funders.ToDictionary(f => f.Id, f => f.CutOffScore, StringComparer.Ordinal);
        var outcomes = new List<(string ApplicationId, ApplicationSelection Selection, SelectionOutcome Event)>();
        var eventId = $"selection-{version}";
        foreach (var s in proposal.Selected)
        {
            outcomes.Add((s.ApplicationId,
                new ApplicationSelection(SelectionOutcomes.Selected, version, s.FunderId, Money.ToDirhams(s.AmountCentimes), null, s.Score, cutOffs.GetValueOrDefault(s.FunderId), []),
                new SelectionOutcome(eventId, SelectionOutcomes.Selected, s.FunderId, s.AmountCentimes)));
        }

        var reasons = proposal.NotSelected.ToDictionary(n => n.ApplicationId, n => n.Reasons, StringComparer.Ordinal);
        foreach (var w in proposal.Waitlist.GroupBy(w => w.ApplicationId).Select(g => g.OrderBy(w => w.Rank).First()))
        {
            outcomes.Add((w.ApplicationId,
                new ApplicationSelection(SelectionOutcomes.Waitlisted, version, w.FunderId, null, w.Rank, w.Score, cutOffs.GetValueOrDefault(w.FunderId), reasons.GetValueOrDefault(w.ApplicationId) ?? []),
                new SelectionOutcome(eventId, SelectionOutcomes.Waitlisted, w.FunderId, Rank: w.Rank)));
        }

        var lowestSelected = proposal.Funders.Where(f => f.CutOffScore is not null).Select(f => f.CutOffScore).Min();
        foreach (var n in proposal.NotSelected.Where(n => !n.Waitlisted))
        {
            outcomes.Add((n.ApplicationId,
                new ApplicationSelection(SelectionOutcomes.NotSelected, version, null, null, null, n.Score, lowestSelected, n.Reasons),
                new SelectionOutcome(eventId, SelectionOutcomes.NotSelected)));
        }

        // Applications still before the committee's result when staff started the selection are left out of this round;
        // the outcome waits in their orchestration's queue and settles them if they are shortlisted later.
        await foreach (var app in applications.ListAsync(edition, cancellationToken))
        {
            if (CountOpenApplications.IsOpen(app.Status))
            {
                outcomes.Add((app.ApplicationId,
                    new ApplicationSelection(SelectionOutcomes.NotSelected, version, null, null, null, 0, null,
                        [new SelectionReason("left-out-at-cut-off", $"Still {app.Status} when staff started the selection of the edition.")]),
                    new SelectionOutcome(eventId, SelectionOutcomes.NotSelected)));
            }
        }

        await TellAsync(client, edition, outcomes, at, eventId, actor, "Selection confirmed", cancellationToken);
    }

    /// <summary>
    /// Staff end the waitlist (the programme's money for the edition is settled): every application still waitlisted is
    /// told, in its language, that it was not funded, and its orchestration ends <c>not-selected</c>. Refused while a
    /// promotion waits for confirmation. Repeating it finishes what a failed call began.
    /// </summary>
    public async Task<IResult> CloseWaitlistAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (caller, edition, refusal) = await StaffAndEditionAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        var actor = Actor(caller!);
        var now = time.GetUtcNow();
        var round = await selections.FindRoundAsync(edition!.Id, http.RequestAborted);
        if (round?.Status != SelectionRoundStatuses.Confirmed)
        {
            return round?.Status == SelectionRoundStatuses.Proposed && round.Promotion is not null
                ? Problems.Conflict("promotion-proposed", "A waitlist promotion waits for confirmation.", "Confirm it, or pin its applications out, before closing the waitlist.")
                : Problems.Conflict("no-waitlist", "This edition has no confirmed selection, so no waitlist to close.", $"The selection is {round?.Status ?? SelectionRoundStatuses.Open}.");
        }

        round = await selections.UpdateRoundAsync(edition.Id, r =>
        {
            if (r.Status != SelectionRoundStatuses.Confirmed || r.WaitlistClosedAt is not null)
            {
                return false;
            }

            r.WaitlistClosedAt = now;
            r.WaitlistClosedBy = actor;
            return true;
        }, http.RequestAborted);
        if (round.WaitlistClosedAt is null)
        {
            return Problems.Conflict("selection-changed", "The selection changed while you closed the waitlist.", "Read it again.");
        }

        var at = round.WaitlistClosedAt.Value;
        var outcomes = new List<(string, ApplicationSelection, SelectionOutcome)>();
        await foreach (var app in applications.ListAsync(edition.Id, http.RequestAborted))
        {
            if (app.Status == Statuses.Waitlisted)
            {
                var was = Read(app);
                outcomes.Add((app.ApplicationId,
                    new ApplicationSelection(SelectionOutcomes.NotSelected, round.Version, null, null, null, was?.Score ?? 0, was?.CutOffScore,
                        [new SelectionReason(SelectionReasonCodes.WaitlistClosed, $"The waitlist of the edition was closed by staff on {at:yyyy-MM-dd} before money reached this application.")]),
                    new SelectionOutcome("waitlist-closed", SelectionOutcomes.NotSelected)));
            }
        }

        await TellAsync(client, edition.Id, outcomes, at, "waitlist-closed", actor, "Waitlist closed: not funded.", http.RequestAborted);
        await selections.AppendHistoryAsync(edition.Id, at, "waitlist-closed", round.WaitlistClosedBy ?? actor,
            $"Waitlist closed: {outcomes.Count} waitlisted applications told they are not funded.", http.RequestAborted);
        return TypedResults.Ok(await ViewAsync(edition.Id, http.RequestAborted));
    }

    /// <summary>
    /// A confirmed promotion: the promoted applications are selected (read model, history, then the event their
    /// orchestration waits for, which records the award and emails the applicant); those it pinned out are told they
    /// are not funded. The others stay waitlisted as they were.
    /// </summary>
    async Task PublishPromotionAsync(DurableTaskClient client, string edition, int version, int promotion, SelectionProposal proposal, DateTimeOffset at,
        string actor, CancellationToken cancellationToken)
    {
        var eventId = $"promotion-{promotion}";
        var outcomes = new List<(string, ApplicationSelection, SelectionOutcome)>();
        var promoted = WaitlistPromotion.Promoted(proposal);
        foreach (var p in promoted)
        {
            var was = Read(await applications.GetAsync(edition, p.ApplicationId, cancellationToken));
            outcomes.Add((p.ApplicationId,
                new ApplicationSelection(SelectionOutcomes.Selected, version, p.FunderId, Money.ToDirhams(p.AmountCentimes), null, p.Score, was?.CutOffScore, [], eventId),
                new SelectionOutcome(eventId, SelectionOutcomes.Selected, p.FunderId, p.AmountCentimes)));
        }

        foreach (var n in WaitlistPromotion.PinnedOut(proposal))
        {
            outcomes.Add((n.ApplicationId,
                new ApplicationSelection(SelectionOutcomes.NotSelected, version, null, null, null, n.Score, null, n.Reasons),
                new SelectionOutcome(eventId, SelectionOutcomes.NotSelected)));
        }

        await TellAsync(client, edition, outcomes, at, eventId, actor, $"Promotion {promotion} confirmed", cancellationToken);
        await selections.AppendHistoryAsync(edition, at, $"confirmed-{version}", actor,
            $"Promotion {promotion} (proposal {version}) confirmed: {(promoted.Count == 0 ? "nobody" : string.Join(", ", promoted.Select(p => p.ApplicationId)))} promoted from the waitlist.",
            cancellationToken);
    }

    async Task TellAsync(DurableTaskClient client, string edition, List<(string ApplicationId, ApplicationSelection Selection, SelectionOutcome Event)> outcomes,
        DateTimeOffset at, string key, string actor, string what, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(outcomes, new ParallelOptions { MaxDegreeOfParallelism = PublishConcurrency, CancellationToken = cancellationToken },
            async (outcome, token) =>
            {
                var app = await applications.UpdateAsync(edition, outcome.ApplicationId,
                    a => a.SelectionJson = JsonSerializer.Serialize(outcome.Selection, Json.Options), token);
                await facts.RecordSelectionAsync(edition, outcome.ApplicationId, outcome.Selection.Outcome, outcome.Selection.Funder,
                    outcome.Selection.Amount is { } amount ? Money.ToCentimes(amount) : null, outcome.Selection.Rank, token);
                await applications.AppendHistoryAsync(outcome.ApplicationId, at, key, app.Status, actor, $"{what}: {outcome.Selection.Outcome}.", token);
                await client.RaiseEventAsync(ApplicationIds.Instance(outcome.ApplicationId), nameof(SelectionOutcome), outcome.Event, token);
            });

    static ApplicationSelection? Read(ApplicationEntity app) =>
        app.SelectionJson is null ? null : JsonSerializer.Deserialize<ApplicationSelection>(app.SelectionJson, Json.Options);

    async Task<SelectionView> ViewAsync(string edition, CancellationToken cancellationToken)
    {
        var round = await selections.FindRoundAsync(edition, cancellationToken);
        var proposal = round?.Status is SelectionRoundStatuses.Proposed or SelectionRoundStatuses.Confirmed or SelectionRoundStatuses.Running
            ? await selections.ReadProposalAsync(round.ProposalBlob, cancellationToken)
            : null;
        return SelectionView.From(edition, round, proposal, await selections.PinsAsync(edition, cancellationToken), await selections.HistoryAsync(edition, cancellationToken));
    }

    async Task<(Caller? Caller, Edition? Edition, IResult? Refusal)> StaffAndEditionAsync(HttpContext http, string id)
    {
        var (caller, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        var edition = await editions.FindAsync(id, http.RequestAborted);
        return edition is null ? (null, null, Problems.NotFound("edition")) : (caller, edition, null);
    }

    static string Actor(Caller caller) => "staff:" + caller.Subject;
}
