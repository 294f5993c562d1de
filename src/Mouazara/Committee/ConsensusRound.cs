using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Committee;

/// <summary>
/// The committee stage's consensus step (second lifecycle version only): when the reviewers' totals are further apart
/// than the edition's divergence threshold, each reviewer gets a second link showing the others' scores and comments
/// without names, and may revise once (or keep their vote) before the revision deadline. Still divergent afterwards,
/// the case goes to staff; otherwise the committee decides on the mean of the totals after revision.
/// </summary>
public static class ConsensusRound
{
    /// <summary>Null when the votes agree well enough (or the edition sets no threshold): the committee decides as counted.</summary>
    public static async Task<CommitteeOutcome?> RunAsync(TaskOrchestrationContext context, ApplicationRef app, TimeSpan staffReminderEvery)
    {
        var round = await context.CallActivityAsync<RevisionRound>(nameof(OpenRevisionRound),
            new RevisionRoundInput(app.ApplicationId, app.Edition, context.Now()), Orchestration.Retry);
        if (!round.Open)
        {
            return null;
        }

        await Task.WhenAll(round.MemberIds.Select(member => context.CallActivityAsync(nameof(SendRevisionTask),
            new RevisionTaskRequest(app.ApplicationId, app.Edition, member, round.Deadline, false), Orchestration.Retry)));

        var answered = new HashSet<string>(StringComparer.Ordinal);
        var reminded = round.ReminderAt >= round.Deadline;
        var answers = new EventWaiter<RevisionCast>(context, nameof(RevisionCast));
        while (answered.Count < round.MemberIds.Count)
        {
            var answer = await answers.NextAsync(reminded ? round.Deadline : round.ReminderAt);
            if (answer is not null)
            {
                answered.Add(answer.MemberId);
            }
            else if (!reminded)
            {
                reminded = true;
                await Task.WhenAll(round.MemberIds.Where(m => !answered.Contains(m)).Select(member => context.CallActivityAsync(nameof(SendRevisionTask),
                    new RevisionTaskRequest(app.ApplicationId, app.Edition, member, round.Deadline, true), Orchestration.Retry)));
            }
            else
            {
                break;
            }
        }

        var evaluation = await context.CallActivityAsync<Evaluation>(nameof(TallyRevisions),
            new RevisionTally(app.ApplicationId, app.Edition, round.Threshold, round.Spread, round.Deadline), Orchestration.Retry);
        var consensus = evaluation.Consensus!;
        if (!consensus.StillDiverges)
        {
            return new CommitteeOutcome(evaluation.Recommendation == Recommendations.Approve, evaluation.Recommendation, evaluation.AverageScore, "committee");
        }

        var decision = await context.WaitForDecisionAsync(app, Stages.Committee,
            $"Scores still {consensus.SpreadAfter} points apart after the revision round (threshold {consensus.Threshold}).", staffReminderEvery);
        await context.CallActivityAsync(nameof(RecordCommitteeDecision),
            new CommitteeDecision(app.ApplicationId, app.Edition, decision.Approve, decision.Reason, decision.Actor), Orchestration.Retry);
        return new CommitteeOutcome(decision.Approve, decision.Approve ? Recommendations.Approve : Recommendations.Reject, evaluation.AverageScore, decision.Actor);
    }
}

/// <summary>A reviewer answered the consensus round (revised or kept their vote).</summary>
public sealed record RevisionCast(string EventId, string MemberId);

public sealed record RevisionRoundInput(string ApplicationId, string Edition, DateTimeOffset StartedAt);

/// <summary>Whether a consensus round opened, for whom (the reviewers who voted), and until when.</summary>
public sealed record RevisionRound(bool Open, IReadOnlyList<string> MemberIds, int Threshold, int Spread, DateTimeOffset ReminderAt, DateTimeOffset Deadline);

public sealed record RevisionTaskRequest(string ApplicationId, string Edition, string MemberId, DateTimeOffset Deadline, bool Reminder);

public sealed record RevisionTally(string ApplicationId, string Edition, int Threshold, int SpreadBefore, DateTimeOffset Deadline);
