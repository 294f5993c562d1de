using Microsoft.DurableTask;

namespace Mouazara.Selection;

/// <summary>Records that the call has closed and the round waits for the last applications to leave evaluation.</summary>
[DurableTask(nameof(RecordRoundStep))]
public sealed class RecordRoundStep(SelectionStore selections) : TaskActivity<RoundStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RoundStep step)
    {
        await selections.UpdateRoundAsync(step.Edition, r =>
        {
            if (r.Status != SelectionRoundStatuses.Open)
            {
                return false;
            }

            r.Status = step.Status;
            r.ClosedAt ??= step.At;
            r.ClosedBy ??= "system";
            return true;
        });
        await selections.AppendHistoryAsync(step.Edition, step.At, "call-closed", "system", "The call is closed; selection waits for the last evaluations.");
        return true;
    }
}
