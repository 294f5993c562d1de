using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Selection;

/// <summary>
/// Stage 4 seen from one application: shortlisted by the committee, it waits for its edition's selection round,
/// which decides once for every shortlisted application after the call closes. A waitlisted application keeps
/// waiting: money freed by a withdrawal may still reach it.
/// </summary>
public static class SelectionWorkflow
{
    /// <summary>Selection happens once a year: each wait is bounded, and the wait is taken up again when it ends.</summary>
    static readonly TimeSpan WaitStep = TimeSpan.FromDays(30);

    /// <summary>The final outcome: selected (with funder and amount) or not selected.</summary>
    public static async Task<SelectionOutcome> WaitForOutcomeAsync(TaskOrchestrationContext context, ApplicationRef app)
    {
        var outcomes = new EventWaiter<SelectionOutcome>(context, nameof(SelectionOutcome));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var outcome = await outcomes.NextAsync(context.Now() + WaitStep);
            if (outcome is null || !seen.Add(outcome.EventId))
            {
                continue;
            }

            if (outcome.Outcome == SelectionOutcomes.Waitlisted)
            {
                await context.SetStatusAsync(app, Statuses.Waitlisted, $"Waitlisted at rank {outcome.Rank} for funder {outcome.Funder}.",
                    notify: true, actor: "selection");
                continue;
            }

            return outcome;
        }
    }
}
