using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Http;
using Mouazara.Security;

namespace Mouazara.Disbursement.Agreements;

/// <summary>
/// <c>POST /api/applications/{id}/agreement/decision</c>: staff countersign the applicant's signed copy
/// (<c>accept</c>) or send it back with a reason (<c>reject</c>: the applicant is asked again). Only a signed copy
/// waiting for staff can be decided, once: the state change under the row's ETag is the lock.
/// </summary>
public sealed class AgreementEndpoints(BearerAuthenticator auth, ApplicationStore applications, TimeProvider time)
{
    public async Task<IResult> DecideAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (caller, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var (request, problem) = await JsonBody.ReadAsync<AgreementDecisionRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (request!.Decision is not ("accept" or "reject"))
        {
            errors["decision"] = ["Use accept or reject."];
        }

        var reason = request.Reason?.Trim() ?? "";
        if ((request.Decision == "reject" && reason.Length == 0) || reason.Length > 1000)
        {
            errors["reason"] = ["Required to send the agreement back (the applicant reads it), at most 1000 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var app = await applications.FindAsync(id, http.RequestAborted);
        if (app is null)
        {
            return Problems.NotFound("application");
        }

        var accept = request.Decision == "accept";
        var round = -1;
        // A refusal writes nothing: the row stays as the lifecycle last wrote it, and its own writes meet no conflict.
        await applications.UpdateAsync(app.Edition, id, a =>
        {
            if (a.AgreementState != AgreementStates.Signed)
            {
                return false;
            }

            round = a.AgreementRound;
            a.AgreementState = accept ? AgreementStates.Countersigned : AgreementStates.SentBack;
            return true;
        }, http.RequestAborted);
        if (round < 0)
        {
            return Problems.Conflict("no-signed-agreement", "No signed agreement is waiting to be countersigned.",
                $"The agreement's state is {app.AgreementState ?? "none"}.");
        }

        var actor = "staff:" + caller!.Subject;
        var now = time.GetUtcNow();
        await applications.AppendHistoryAsync(id, now, $"agreement-{round}-{(accept ? "countersigned" : "sent-back")}", app.Status, actor,
            accept ? "Funding agreement countersigned." + (reason.Length > 0 ? " " + reason : "") : "Signed agreement sent back: " + reason, http.RequestAborted);
        await client.RaiseEventAsync(ApplicationIds.Instance(id), nameof(AgreementDecided), new AgreementDecided($"agreement-{round}", round, accept, reason, actor),
            http.RequestAborted);
        return TypedResults.Accepted((string?)null, new { applicationId = id, round, decision = request.Decision });
    }
}

public sealed record AgreementDecisionRequest(string? Decision, string? Reason);
