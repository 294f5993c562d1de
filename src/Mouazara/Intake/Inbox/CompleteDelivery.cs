using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Intake.Inbox;

/// <summary>
/// Records what became of a delivery's files, on the delivery for staff and as one line of the application's
/// history; keyed by the delivery and attempt, so a retry writes the same line again rather than a second one.
/// </summary>
[DurableTask(nameof(CompleteDelivery))]
public sealed class CompleteDelivery(DeliveryInbox inbox, ApplicationStore applications) : TaskActivity<DeliveryCompletion, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DeliveryCompletion completion)
    {
        var delivery = completion.Delivery;
        await inbox.UpdateAsync(delivery.Provider, delivery.DeliveryKey, r =>
        {
            if (r.Attempt != delivery.Attempt)
            {
                return false;
            }

            r.FileOutcomesJson = JsonSerializer.Serialize(completion.Files, Json.Options);
            return true;
        });

        var stored = completion.Files.Count(f => f.Stored);
        var missing = completion.Files.Where(f => !f.Stored).Select(f => $"{f.Type} ({f.Reason?.TrimEnd('.')})").ToList();
        var reason = $"Received from {delivery.Provider}; {stored} of {completion.Files.Count} linked files stored."
            + (missing.Count == 0 ? "" : " Not stored: " + string.Join("; ", missing) + ".");
        await applications.AppendHistoryAsync(completion.ApplicationId, completion.At, $"intake-{delivery.Attempt}", Statuses.Received,
            "intake:" + delivery.Provider, reason);
        return true;
    }
}
