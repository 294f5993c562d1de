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
/// unpaid money back in the funder's envelope, the applicant told.
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

        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            // Its start still waits for its turn (paced intake): the engine drops an event sent to an instance not started yet.
            return Problems.Conflict("not-started", "This application's processing has not started yet; withdraw it once it has.",
                "Deliveries that arrive in a burst are processed in turn, a few per second: try again in a minute.");
        }

        var now = time.GetUtcNow();
        var first = false;
        await applications.UpdateAsync(app.Edition, id, a =>
        {
            first = a.WithdrawnAt is null;
            if (first)
            {
                a.WithdrawnAt = now;
                a.WithdrawalReason = reason;
            }

            return first;
        }, http.RequestAborted);
        if (!first)
        {
            return Problems.Conflict("already-withdrawn", "This application was already withdrawn.");
        }

        await applications.AppendHistoryAsync(id, now, "withdrawal-requested", app.Status, actor, "Withdrawal: " + reason, http.RequestAborted);
        await client.RaiseEventAsync(ApplicationIds.Instance(id), nameof(WithdrawalRequested), new WithdrawalRequested("withdrawn", reason, actor, now),
            http.RequestAborted);
        return TypedResults.Accepted((string?)null, new { applicationId = id, withdrawnAt = now, reason });
    }
}
