using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Committee;

/// <summary>
/// Stage 3: the participatory committee. Every member gets an emailed review task; votes arrive as events
/// until all have voted or the deadline passes, with a reminder to those who have not. Without a quorum the
/// case goes to staff.
/// </summary>
public static class CommitteeWorkflow
{
    /// <param name="consensus">The lifecycle version runs the consensus round on divergent votes (<see cref="ConsensusRound"/>).</param>
    public static async Task<CommitteeOutcome> RunAsync(TaskOrchestrationContext context, ApplicationRef app, bool consensus = false)
    {
        // The second lifecycle seats a panel when the edition has a reviewer pool; the first keeps its whole committee.
        var stage = await context.CallActivityAsync<CommitteeStage>(LifecycleRules.Applied(context) ? nameof(AssignReviewers) : nameof(OpenCommittee),
            new CommitteeStageInput(app.ApplicationId, app.Edition, context.Now()), Orchestration.Retry);
        await context.SetStatusAsync(app, Statuses.InEvaluation, $"{(stage.Panel ? "Panel" : "Committee")} of {stage.MemberIds.Count}, quorum {stage.Quorum}.");
        await Task.WhenAll(stage.MemberIds.Select(member => context.CallActivityAsync(nameof(SendReviewTask),
            new ReviewTaskRequest(app.ApplicationId, app.Edition, member, stage.Deadline, false, stage.Panel), Orchestration.Retry)));

        if (stage.Panel)
        {
            await PanelWorkflow.CollectVotesAsync(context, app, stage);
        }

        var voted = new HashSet<string>(StringComparer.Ordinal);
        var reminded = stage.ReminderAt >= stage.Deadline;
        var votes = new EventWaiter<VoteCast>(context, nameof(VoteCast));
        while (!stage.Panel && voted.Count < stage.MemberIds.Count)
        {
            var vote = await votes.NextAsync(reminded ? stage.Deadline : stage.ReminderAt);
            if (vote is not null)
            {
                voted.Add(vote.MemberId);
            }
            else if (!reminded)
            {
                reminded = true;
                await Task.WhenAll(stage.MemberIds.Where(m => !voted.Contains(m)).Select(member => context.CallActivityAsync(nameof(SendReviewTask),
                    new ReviewTaskRequest(app.ApplicationId, app.Edition, member, stage.Deadline, true), Orchestration.Retry)));
            }
            else
            {
                break;
            }
        }

        var evaluation = await context.CallActivityAsync<Evaluation>(nameof(TallyVotes), app, Orchestration.Retry);
        if (consensus && evaluation.QuorumReached && await ConsensusRound.RunAsync(context, app, stage.StaffReminderEvery) is { } settled)
        {
            return settled;
        }

        if (evaluation.Recommendation != Recommendations.Inconclusive)
        {
            return new CommitteeOutcome(evaluation.Recommendation == Recommendations.Approve, evaluation.Recommendation, evaluation.AverageScore, "committee");
        }

        var decision = await context.WaitForDecisionAsync(app, Stages.Committee,
            $"Quorum not reached: {evaluation.VotesCast} of {evaluation.Quorum} votes.", stage.StaffReminderEvery);
        await context.CallActivityAsync(nameof(RecordCommitteeDecision),
            new CommitteeDecision(app.ApplicationId, app.Edition, decision.Approve, decision.Reason, decision.Actor), Orchestration.Retry);
        return new CommitteeOutcome(decision.Approve, decision.Approve ? Recommendations.Approve : Recommendations.Reject, evaluation.AverageScore, decision.Actor);
    }
}

/// <summary>A committee member's vote was recorded.</summary>
public sealed record VoteCast(string EventId, string MemberId);

public sealed record CommitteeStageInput(string ApplicationId, string Edition, DateTimeOffset StartedAt);

/// <summary>The stage as opened: who reviews and the quorum; <c>Panel</c> when they are an assigned panel (second lifecycle).</summary>
public sealed record CommitteeStage(IReadOnlyList<string> MemberIds, int Quorum, DateTimeOffset ReminderAt, DateTimeOffset Deadline, TimeSpan StaffReminderEvery,
    bool Panel = false);

/// <summary>One review task to issue or remind; <c>Panel</c> for a panel seat, whose page asks for a conflict-of-interest declaration first.</summary>
public sealed record ReviewTaskRequest(string ApplicationId, string Edition, string MemberId, DateTimeOffset Deadline, bool Reminder, bool Panel = false);

public sealed record CommitteeOutcome(bool Approved, string Recommendation, decimal? AverageScore, string DecidedBy);

public sealed record CommitteeDecision(string ApplicationId, string Edition, bool Approve, string Reason, string Actor);
