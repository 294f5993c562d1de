using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Committee;

/// <summary>
/// <c>POST /api/applications/{id}/reviewers/{reviewerId}/reassign</c> <c>{"reason": "…"}</c>: staff give one panel
/// reviewer's open review to someone else. The reviewer's link stops voting at once; the lifecycle seats the next best
/// member of the pool and emails them; the history keeps who, when and why.
/// </summary>
public sealed class ReassignEndpoints(StaffActions staff, ReviewStore reviews, Panels panels, TimeProvider time)
{
    public async Task<IResult> ReassignAsync(HttpContext http, DurableTaskClient client, string id, string reviewerId)
    {
        var (actor, reason, app, refusal) = await staff.OpenAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        var seat = (await reviews.ListAssignmentsAsync(app!.Edition, app.ApplicationId, http.RequestAborted)).FirstOrDefault(s => s.MemberId == reviewerId);
        if (seat is null)
        {
            return Problems.NotFound("reviewer on this application's panel");
        }

        if (app.Status != Statuses.InEvaluation || seat.State == AssignmentStates.Done)
        {
            return Problems.Conflict("evaluation-over", "The committee stage of this application is over.", $"Its status is {app.Status}.");
        }

        if (seat.State is AssignmentStates.Recused or AssignmentStates.Removed)
        {
            return Problems.Conflict("reviewer-not-sitting", "This reviewer has already left the panel.", $"Their seat ended: {seat.State}.");
        }

        var state = await panels.WithdrawTaskAsync(app.ApplicationId, reviewerId, ReviewTaskStates.Reassigned, reason, time.GetUtcNow(), http.RequestAborted);
        if (state == ReviewTaskStates.Voted)
        {
            return Problems.Conflict("already-voted", "This reviewer has already voted; their vote stands.");
        }

        if (state != ReviewTaskStates.Reassigned)
        {
            return Problems.Conflict("evaluation-over", "The committee stage of this application is over.", $"The review is {state ?? "not issued yet"}.");
        }

        // Raised again on a repeat: the event id is the same, and the lifecycle replaces a reviewer once.
        await client.RaiseEventAsync(ApplicationIds.Instance(app.ApplicationId), nameof(PanelChange),
            PanelChange.Of(PanelChange.Reassignment, reviewerId, reason, actor), http.RequestAborted);
        return TypedResults.Accepted((string?)null, new { applicationId = app.ApplicationId, reviewerId, state = ReviewTaskStates.Reassigned, reason });
    }
}
