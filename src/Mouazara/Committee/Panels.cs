using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Storage;

namespace Mouazara.Committee;

/// <summary>
/// Seats an application's panel and takes reviewers off it. The choice itself is <see cref="PanelAssignment"/>'s;
/// this reads what it needs (the applicant, the pool, every reviewer's open load) and records the seats, under the
/// edition's seating lock. Every
/// write is keyed by application and reviewer, so a retried activity finds its own work instead of doing it twice.
/// </summary>
public sealed class Panels(ReviewStore reviews, ApplicationStore applications, StorageLocks locks)
{
    /// <summary>
    /// Fills the panel up to its size from <paramref name="pool"/>: all its seats the first time, the free ones after a
    /// reviewer left. Returns the panel's seats as they stand, with what staff should know of the choice.
    /// </summary>
    public async Task<(List<AssignmentEntity> Seats, IReadOnlyList<ChosenReviewer> Chosen, IReadOnlyList<string> Notes)> FillAsync(
        ApplicationEntity app, CommitteeConfig committee, IReadOnlyList<CommitteeMember> pool, DateTimeOffset at, string? replaces,
        CancellationToken cancellationToken = default)
    {
        // One seating at a time per edition: two applications reaching evaluation together would otherwise read the same
        // loads and both seat the least-loaded reviewer, breaking the balance the choice keeps.
        await using var seating = await locks.AcquireAsync($"panels/{app.Edition}", cancellationToken);
        var seats = await reviews.ListAssignmentsAsync(app.Edition, app.ApplicationId, cancellationToken);
        var size = seats.Count == 0 ? committee.ReviewersPerApplication ?? 0 : seats.Max(s => s.PanelSize);
        var sitting = seats.Where(s => s.Sitting).ToList();
        if (sitting.Count >= size)
        {
            return (seats, [], []);
        }

        var known = committee.Members.Concat(pool).GroupBy(m => m.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var loads = (await reviews.ListOpenAssignmentsAsync(app.Edition, cancellationToken))
            .GroupBy(s => s.MemberId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var applicant = app.ReadApplicant();
        var request = new PanelRequest(
            new PanelApplicant(app.ApplicationId, app.Language, app.Sector, applicant.Name, applicant.Commune),
            [.. pool.Select(m => new PoolMember(m, loads.GetValueOrDefault(m.Id)))],
            size,
            committee.MinCategories,
            [.. sitting.Select(s => known.TryGetValue(s.MemberId, out var m) ? m : null).OfType<CommitteeMember>()],
            seats.Where(s => !s.Sitting).Select(s => s.MemberId).ToHashSet(StringComparer.Ordinal));
        var choice = PanelAssignment.Choose(request);
        // The first assignment sets the panel's size (its quorum): the seats the pool could fill.
        var panelSize = seats.Count == 0 ? choice.Chosen.Count : size;
        var added = choice.Chosen.Select(chosen => new AssignmentEntity
        {
            PartitionKey = app.Edition,
            RowKey = AssignmentEntity.Key(app.ApplicationId, chosen.MemberId),
            ApplicationId = app.ApplicationId,
            MemberId = chosen.MemberId,
            Reason = chosen.Reason,
            PanelSize = panelSize,
            AssignedAt = at,
            Replaces = replaces,
        }).ToList();
        await reviews.AddAssignmentsAsync(added, cancellationToken);
        seats.AddRange(added);

        return (seats, choice.Chosen, choice.Notes);
    }

    /// <summary>
    /// Takes the review from its reviewer at once (their link stops voting) unless they have voted or the evaluation is
    /// over. Returns the task's state after the attempt: <paramref name="state"/> when it is withdrawn (now or before).
    /// </summary>
    public async Task<string?> WithdrawTaskAsync(string applicationId, string memberId, string state, string? note, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var task = await reviews.FindAsync(applicationId, memberId, cancellationToken);
            if (task is null || task.State != ReviewTaskStates.Open)
            {
                return task?.State;
            }

            task.State = state;
            task.WithdrawnAt = at;
            task.WithdrawalNote = note;
            if (await reviews.TryUpdateAsync(task, cancellationToken))
            {
                return state;
            }
        }

        throw new InvalidOperationException($"The review task of {memberId} on {applicationId} kept changing.");
    }

    /// <summary>Ends a reviewer's seat with the same cause as their task; a seat already ended is left as it is.</summary>
    public Task EndSeatAsync(string edition, string applicationId, string memberId, string state, string? note, string actor, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        reviews.UpdateAssignmentAsync(edition, applicationId, memberId, seat =>
        {
            if (seat.State != AssignmentStates.Open)
            {
                return false;
            }

            seat.State = state;
            seat.EndedAt = at;
            seat.EndNote = note;
            seat.EndedBy = actor;
            return true;
        }, cancellationToken);

    /// <summary>Adds a reviewer who joined the pool after the evaluation started to the application's committee snapshot, so their link resolves.</summary>
    public async Task KeepInSnapshotAsync(ApplicationEntity app, Edition edition, CommitteeMember member, CancellationToken cancellationToken = default) =>
        await applications.UpdateAsync(app.Edition, app.ApplicationId, a =>
        {
            var committee = CommitteeSnapshot.Of(a, edition);
            if (committee.Members.Any(m => m.Id == member.Id))
            {
                return false;
            }

            a.CommitteeJson = CommitteeSnapshot.Serialize(committee with { Members = [.. committee.Members, member] });
            return true;
        }, cancellationToken);

    /// <summary>The panel as it stands for counting: who sits and how many votes make the quorum; null for an application without a panel.</summary>
    public static AssignedPanel? Of(IReadOnlyList<AssignmentEntity> seats) =>
        seats.Count == 0 ? null : new AssignedPanel(
            [.. seats.Where(s => s.Sitting).OrderBy(s => s.AssignedAt).ThenBy(s => s.MemberId, StringComparer.Ordinal).Select(s => s.MemberId)],
            seats.Max(s => s.PanelSize));
}

/// <summary>An application's current panel and its quorum (the panel's size when assigned).</summary>
public sealed record AssignedPanel(IReadOnlyList<string> Members, int Quorum)
{
    /// <summary>The votes of the current panel only, counted against the panel's quorum.</summary>
    public Evaluation Count(IReadOnlyList<VoteView> votes, decimal threshold) =>
        Tally.Count([.. votes.Where(v => Members.Contains(v.MemberId, StringComparer.Ordinal))], Members.Count, Quorum, threshold);
}
