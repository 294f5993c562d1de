using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Editions;

namespace Mouazara.Committee;

/// <summary>
/// When staff save an edition without a reviewer who still has open panel seats, each of those reviews moves: the
/// reviewer's link stops voting and the application's lifecycle seats a replacement. Applications evaluated by the
/// whole committee (no panel) keep the committee they started with.
/// </summary>
public sealed class PanelMemberRemovals(ReviewStore reviews, Panels panels, TimeProvider time) : IEditionSaved
{
    public async Task SavedAsync(DurableTaskClient client, Edition edition, CancellationToken cancellationToken)
    {
        var members = edition.Committee.Members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var seat in await reviews.ListOpenAssignmentsAsync(edition.Id, cancellationToken))
        {
            if (members.Contains(seat.MemberId))
            {
                continue;
            }

            var state = await panels.WithdrawTaskAsync(seat.ApplicationId, seat.MemberId, ReviewTaskStates.Removed, "Removed from the edition's pool.",
                time.GetUtcNow(), cancellationToken);
            if (state == ReviewTaskStates.Removed || state is null)
            {
                await client.RaiseEventAsync(ApplicationIds.Instance(seat.ApplicationId), nameof(PanelChange),
                    PanelChange.Of(PanelChange.Removal, seat.MemberId, "Removed from the edition's pool.", "staff"), cancellationToken);
            }
        }
    }
}
