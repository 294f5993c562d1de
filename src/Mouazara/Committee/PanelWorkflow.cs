using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Committee;

/// <summary>
/// The vote collection of an assigned panel (second lifecycle, edition with a reviewer pool): votes arrive until every
/// reviewer sitting has voted or their deadline passes, with one reminder each; a reviewer who leaves (recusal,
/// reassignment, removal from the pool) is replaced by the next best member of the pool, who is emailed the task at once.
/// A replacement has the committee's whole review period from their seating (never less than the stage's deadline), so
/// one seated late is not left a day to read the file: the stage lasts until the last deadline of a reviewer still due.
/// </summary>
public static class PanelWorkflow
{
    public static async Task CollectVotesAsync(TaskOrchestrationContext context, ApplicationRef app, CommitteeStage stage)
    {
        var sitting = stage.MemberIds.ToList();
        var due = stage.MemberIds.ToDictionary(m => m, _ => (Reminder: stage.ReminderAt, Deadline: stage.Deadline), StringComparer.Ordinal);
        var voted = new HashSet<string>(StringComparer.Ordinal);
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var reminded = new HashSet<string>(StringComparer.Ordinal);
        // One reminder each, unless it would fall at (or after) the reviewer's deadline.
        bool ToRemind(string member) => !reminded.Contains(member) && due[member].Reminder < due[member].Deadline;
        var events = new PanelEvents(context);
        while (sitting.Any(m => !voted.Contains(m)))
        {
            var waiting = sitting.Where(m => !voted.Contains(m)).ToList();
            var end = waiting.Max(m => due[m].Deadline);
            var remind = waiting.Where(ToRemind).Select(m => due[m].Reminder).DefaultIfEmpty(end).Min();
            var next = await events.NextAsync(remind < end ? remind : end);
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
                        var deadline = replacement.Deadline is { } own && own > stage.Deadline ? own : stage.Deadline;
                        due[member] = (replacement.ReminderAt ?? deadline, deadline);
                        sitting.Add(member);
                        await context.CallActivityAsync(nameof(SendReviewTask),
                            new ReviewTaskRequest(app.ApplicationId, app.Edition, member, deadline, false, Panel: true), Orchestration.Retry);
                    }

                    break;
                case PanelChange:
                    break;
                default:
                    var now = context.Now();
                    if (now >= end)
                    {
                        return;
                    }

                    var late = waiting.Where(m => ToRemind(m) && due[m].Reminder <= now).ToList();
                    reminded.UnionWith(late);
                    await Task.WhenAll(late.Select(member => context.CallActivityAsync(nameof(SendReviewTask),
                        new ReviewTaskRequest(app.ApplicationId, app.Edition, member, due[member].Deadline, true, Panel: true), Orchestration.Retry)));
                    break;
            }
        }
    }
}
