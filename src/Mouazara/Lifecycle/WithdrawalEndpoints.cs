using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Lifecycle;

/// <summary>
/// <c>POST /api/applications/{id}/withdraw</c>: staff withdraw an application at any stage, with a reason. The read
/// model's flag stops every payment at once; the lifecycle ends at its next wait: remaining tranches cancelled,
/// unpaid money back in the funder's envelope, the applicant told. One still waiting for its turn after a burst ends as
/// soon as it starts.
/// </summary>
public sealed class WithdrawalEndpoints(StaffActions staff, ApplicationStore applications, TimeProvider time)
{
    public async Task<IResult> WithdrawAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (actor, reason, app, refusal) = await staff.OpenAsync(http, id);
        if (refusal is not null)
        {
            return refusal;
        }

        if (Statuses.IsFinal(app!.Status))
        {
            return Problems.Conflict("already-final", "This application's lifecycle is over; there is nothing to withdraw.", $"Its status is {app.Status}.");
        }

        var instance = await client.GetInstanceAsync(ApplicationIds.Instance(id), getInputsAndOutputs: false, http.RequestAborted);
        if (instance?.Name != ApplicationStarter.CurrentLifecycle)
        {
            // The first lifecycle version cannot take a withdrawal at its waits; its history must replay as recorded.
            return Problems.Conflict("withdrawal-not-supported", "This application runs a lifecycle version that cannot be withdrawn.",
                $"It runs {instance?.Name ?? "no lifecycle"}; it finishes as it began.");
        }

        var now = time.GetUtcNow();
        var first = false;
        var row = await applications.UpdateAsync(app.Edition, id, a =>
        {
            first = a.WithdrawnAt is null;
            if (first)
            {
                a.WithdrawnAt = now;
                a.WithdrawalReason = reason;
                a.WithdrawnBy = actor;
            }

            return first;
        }, http.RequestAborted);
        if (!first)
        {
            return Problems.Conflict("already-withdrawn", "This application was already withdrawn.");
        }

        await applications.AppendHistoryAsync(id, now, "withdrawal-requested", app.Status, actor, "Withdrawal: " + reason, http.RequestAborted);
        // A lifecycle still waiting for its turn (paced intake) never hears this event: the engine drops an event sent to an
        // instance not started yet. It reads the row's flag, written above, when it starts (ReceiveApplication).
        await client.RaiseEventAsync(ApplicationIds.Instance(id), nameof(WithdrawalRequested), row.ReadWithdrawal(), http.RequestAborted);
        return TypedResults.Accepted((string?)null, new { applicationId = id, withdrawnAt = now, reason });
    }
}
