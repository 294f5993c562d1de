using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Security;

namespace Mouazara.Committee;

/// <summary>
/// Measures how far apart the counted votes are and, beyond the threshold of the committee settings the application is
/// evaluated under, opens one consensus-round row per reviewer who voted (their first vote stays as it is).
/// </summary>
[DurableTask(nameof(OpenRevisionRound))]
public sealed class OpenRevisionRound(ReviewStore reviews, RevisionStore revisions, EditionStore editions, ApplicationStore applications, SignedLinks links)
    : TaskActivity<RevisionRoundInput, RevisionRound>
{
    public override async Task<RevisionRound> RunAsync(TaskActivityContext context, RevisionRoundInput input)
    {
        var edition = await editions.GetAsync(input.Edition);
        var committee = CommitteeSnapshot.Of(await applications.GetAsync(input.Edition, input.ApplicationId), edition);
        var votes = (await reviews.ListAsync(input.ApplicationId)).Select(t => t.Vote).OfType<VoteView>().OrderBy(v => v.MemberId, StringComparer.Ordinal).ToList();
        var spread = Divergence.Spread(votes.Select(v => v.Score));
        var (reminder, deadline) = committee.Revision.From(input.StartedAt);
        if (committee.DivergenceThreshold is not { } threshold || !Divergence.Exceeds(votes.Select(v => v.Score), threshold))
        {
            return new RevisionRound(false, [], committee.DivergenceThreshold ?? 0, spread, reminder, deadline);
        }

        foreach (var vote in votes)
        {
            var (_, token) = links.Revision(input.ApplicationId, input.Edition, vote.MemberId, deadline);
            await revisions.TryAddAsync(new RevisionEntity
            {
                PartitionKey = input.ApplicationId,
                RowKey = vote.MemberId,
                TokenHash = LinkTokens.Hash(token),
                IssuedAt = input.StartedAt,
                ExpiresAt = deadline,
            });
        }

        await applications.AppendHistoryAsync(input.ApplicationId, input.StartedAt, "consensus-round", Kernel.Statuses.InEvaluation, "committee",
            $"Scores {spread} points apart (threshold {threshold}): the reviewers may revise their vote once until {deadline:yyyy-MM-dd HH:mm} UTC.");
        return new RevisionRound(true, [.. votes.Select(v => v.MemberId)], threshold, spread, reminder, deadline);
    }
}
