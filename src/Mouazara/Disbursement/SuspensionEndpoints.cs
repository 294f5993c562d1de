using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Disbursement;

/// <summary>
/// <c>POST /api/applications/{id}/suspend</c> and <c>/resume</c>: staff hold an awarded application's disbursement
/// (an irregularity, an audit) and lift the hold. While held, no tranche falls due and a release is refused; the
/// read model's flag is what the release checks, so the hold is in force the moment staff get the answer.
/// </summary>
public sealed class SuspensionEndpoints(StaffActions staff, ApplicationStore applications, TimeProvider time)
{
    static readonly string[] Holdable = [Statuses.Selected, Statuses.AwaitingSignature, Statuses.Disbursing];

    public async Task<IResult> SuspendAsync(HttpContext http, string id)
    {
        var (actor, reason, app, refusal) = await staff.OpenAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!Holdable.Contains(app!.Status) || app.WithdrawnAt is not null)
        {
            return Problems.Conflict("not-disbursing", "Only an awarded application's disbursement can be suspended.", $"Its status is {app.Status}.");
        }

        var now = time.GetUtcNow();
        var suspended = false;
        await applications.UpdateAsync(app.Edition, id, a =>
        {
            suspended = a.SuspendedAt is null;
            if (suspended)
            {
                a.SuspendedAt = now;
                a.SuspensionReason = reason;
            }

            return suspended;
        }, http.RequestAborted);
        if (!suspended)
        {
            return Problems.Conflict("already-suspended", "This application's disbursement is already suspended.");
        }

        await applications.AppendHistoryAsync(id, now, "suspended", app.Status, actor, "Disbursement suspended: " + reason, http.RequestAborted);
        return TypedResults.Ok(new SuspensionAnswer(id, true, now, reason));
    }

    public async Task<IResult> ResumeAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (actor, reason, app, refusal) = await staff.OpenAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        var resumed = false;
        await applications.UpdateAsync(app!.Edition, id, a =>
        {
            resumed = a.SuspendedAt is not null;
            a.SuspendedAt = null;
            a.SuspensionReason = null;
            return resumed;
        }, http.RequestAborted);
        if (!resumed)
        {
            return Problems.Conflict("not-suspended", "This application's disbursement is not suspended.");
        }

        await applications.AppendHistoryAsync(id, now, "resumed", app.Status, actor, "Disbursement resumed: " + reason, http.RequestAborted);
        await client.RaiseEventAsync(ApplicationIds.Instance(id), nameof(DisbursementResumed), new DisbursementResumed("resumed-" + now.ToUnixTimeMilliseconds()),
            http.RequestAborted);
        return TypedResults.Ok(new SuspensionAnswer(id, false, now, reason));
    }

}

public sealed record SuspensionAnswer(string ApplicationId, bool Suspended, DateTimeOffset At, string Reason);

/// <summary>Staff lifted a suspension; a disbursement waiting on it checks again.</summary>
public sealed record DisbursementResumed(string EventId);
