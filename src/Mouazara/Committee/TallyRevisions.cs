using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Committee;

/// <summary>
/// Ends the consensus round: closes the rows nobody answered (under their ETag, so an answer committed meanwhile is
/// counted on the retry), replaces each revised reviewer's first vote by the revision, and records the evaluation —
/// the mean of the totals after revision — with what the round changed.
/// </summary>
[DurableTask(nameof(TallyRevisions))]
public sealed class TallyRevisions(ReviewStore reviews, RevisionStore revisions, EditionStore editions, ApplicationStore applications)
    : TaskActivity<RevisionTally, Evaluation>
{
    public override async Task<Evaluation> RunAsync(TaskActivityContext context, RevisionTally input)
    {
        var rows = await revisions.ListAsync(input.ApplicationId);
        foreach (var row in rows.Where(r => r.State == RevisionStates.Open))
        {
            row.State = RevisionStates.Closed;
            if (!await revisions.TryUpdateAsync(row))
            {
                throw new InvalidOperationException("A revision was answered while the round closed; counting again.");
            }
        }

        var first = (await reviews.ListAsync(input.ApplicationId)).Select(t => t.Vote).OfType<VoteView>().ToList();
        var final = Divergence.AfterRevision(first, [.. rows.Select(r => r.Vote).OfType<VoteView>()]);
        var edition = await editions.GetAsync(input.Edition);
        var committee = CommitteeSnapshot.Of(await applications.GetAsync(input.Edition, input.ApplicationId), edition);
        var spreadAfter = Divergence.Spread(final.Select(v => v.Score));
        var consensus = new ConsensusSummary(input.Threshold, input.SpreadBefore, spreadAfter,
            rows.Count(r => r.State == RevisionStates.Revised), rows.Count(r => r.State == RevisionStates.Kept), rows.Count(r => r.State == RevisionStates.Closed),
            input.Deadline, spreadAfter > input.Threshold);
        var evaluation = Tally.Count(final, committee.Members.Count, committee.Quorum, committee.ScoreThreshold) with { Consensus = consensus };
        await applications.UpdateAsync(input.Edition, input.ApplicationId, a => a.EvaluationJson = JsonSerializer.Serialize(evaluation, Json.Options));
        return evaluation;
    }
}
