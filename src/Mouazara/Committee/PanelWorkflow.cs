using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Committee;

/// <summary>
/// The vote collection of an assigned panel (second lifecycle, edition with a reviewer pool): votes arrive until every
/// reviewer sitting has voted or the deadline passes, with one reminder; a reviewer who leaves (recusal, reassignment,
/// removal from the pool) is replaced by the next best member of the pool, who is emailed the task at once.
/// </summary>
public static class PanelWorkflow
{
    public static async Task CollectVotesAsync(TaskOrchestrationContext context, ApplicationRef app, CommitteeStage stage)
    {
        var sitting = stage.MemberIds.ToList();
        var voted = new HashSet<string>(StringComparer.Ordinal);
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var reminded = stage.ReminderAt >= stage.Deadline;
        var events = new PanelEvents(context);
        while (sitting.Any(m => !voted.Contains(m)))
        {
            var next = await events.NextAsync(reminded ? stage.Deadline : stage.ReminderAt);
            switch (next)
            {
                case VoteCast vote:
                    voted.Add(vote.MemberId);
                    break;
                case PanelChange change when sitting.Contains(change.MemberId) && !voted.Contains(change.MemberId) && handled.Add(change.EventId):
                    var replacement = await context.CallActivityAsync<Replacement>(nameof(ReplaceReviewer),
                        new ReplacementRequest(app.ApplicationId, app.Edition, change, context.Now()), Orchestration.Retry);
                    if (!replacement.Left)
                    {
                        break;
                    }

                    sitting.Remove(change.MemberId);
                    if (replacement.NewMemberId is { } member)
                    {
                        sitting.Add(member);
                        await context.CallActivityAsync(nameof(SendReviewTask),
                            new ReviewTaskRequest(app.ApplicationId, app.Edition, member, stage.Deadline, false, Panel: true), Orchestration.Retry);
                    }

                    break;
                case PanelChange:
                    break;
                default:
                    if (reminded)
                    {
                        return;
                    }

                    reminded = true;
                    await Task.WhenAll(sitting.Where(m => !voted.Contains(m)).Select(member => context.CallActivityAsync(nameof(SendReviewTask),
                        new ReviewTaskRequest(app.ApplicationId, app.Edition, member, stage.Deadline, true, Panel: true), Orchestration.Retry)));
                    break;
            }
        }
    }
}
