using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Committee;

/// <summary>Closes the open tasks, counts the votes and records the evaluation in the read model.</summary>
[DurableTask(nameof(TallyVotes))]
public sealed class TallyVotes(ReviewStore reviews, EditionStore editions, ApplicationStore applications, IndicatorFactStore facts) : TaskActivity<ApplicationRef, Evaluation>
{
    public override async Task<Evaluation> RunAsync(TaskActivityContext context, ApplicationRef app)
    {
        var edition = await editions.GetAsync(app.Edition);
        // Close every open task under its ETag: a vote committed meanwhile makes this fail, and the retry counts it.
        var tasks = await reviews.ListAsync(app.ApplicationId);
        foreach (var task in tasks.Where(t => t.State == ReviewTaskStates.Open))
        {
            task.State = ReviewTaskStates.Closed;
            await reviews.UpdateAsync(task);
        }

        var votes = tasks.Select(t => t.Vote).OfType<VoteView>().ToList();
        var committee = CommitteeSnapshot.Of(await applications.GetAsync(app.Edition, app.ApplicationId), edition);
        // An assigned panel counts its own votes against its own size; its seats stop counting in reviewers' loads.
        var panel = Panels.Of(await reviews.ListAssignmentsAsync(app.Edition, app.ApplicationId));
        var evaluation = panel?.Count(votes, committee.ScoreThreshold) ?? Tally.Count(votes, committee.Members.Count, committee.Quorum, committee.ScoreThreshold);
        if (panel is not null)
        {
            await CloseSeatsAsync(app, panel);
        }

        await applications.UpdateAsync(app.Edition, app.ApplicationId, a => a.EvaluationJson = JsonSerializer.Serialize(evaluation, Json.Options));
        await facts.RecordScoreAsync(app.Edition, app.ApplicationId, evaluation.AverageScore);
        return evaluation;
    }

    async Task CloseSeatsAsync(ApplicationRef app, AssignedPanel panel)
    {
        foreach (var member in panel.Members)
        {
            await reviews.UpdateAssignmentAsync(app.Edition, app.ApplicationId, member, seat =>
            {
                var open = seat.State == AssignmentStates.Open;
                seat.State = open ? AssignmentStates.Done : seat.State;
                return open;
            });
        }
    }
}
