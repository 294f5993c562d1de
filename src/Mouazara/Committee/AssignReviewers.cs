using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;

namespace Mouazara.Committee;

/// <summary>
/// The second lifecycle's opening of the committee stage: keeps the committee settings, as <see cref="OpenCommittee"/>
/// does, and for an edition with a reviewer pool seats the application's panel, once, with a reason per reviewer in
/// the table and the history. Without a pool every member reviews, as before.
/// </summary>
[DurableTask(nameof(AssignReviewers))]
public sealed class AssignReviewers(EditionStore editions, ApplicationStore applications, Panels panels) : TaskActivity<CommitteeStageInput, CommitteeStage>
{
    public override async Task<CommitteeStage> RunAsync(TaskActivityContext context, CommitteeStageInput input)
    {
        var edition = await editions.GetAsync(input.Edition);
        var app = await applications.UpdateAsync(input.Edition, input.ApplicationId, a =>
        {
            a.CommitteeJson ??= CommitteeSnapshot.Serialize(edition.Committee);
            a.DeadlineAt = CommitteeSnapshot.Of(a, edition).Timing.From(input.StartedAt).Deadline;
        });
        var committee = CommitteeSnapshot.Of(app, edition);
        var (reminder, deadline) = committee.Timing.From(input.StartedAt);
        if (committee.ReviewersPerApplication is null)
        {
            return new CommitteeStage(committee.Members.Select(m => m.Id).ToList(), committee.Quorum, reminder, deadline, edition.StaffReviewReminderEvery);
        }

        var (seats, chosen, notes) = await panels.FillAsync(app, committee, committee.Members, input.StartedAt, null);
        if (chosen.Count > 0 || notes.Count > 0)
        {
            var why = string.Join("; ", chosen.Select(c => $"{c.MemberId} ({c.Reason})"));
            await applications.AppendHistoryAsync(app.ApplicationId, input.StartedAt, "panel-assigned", app.Status, "system",
                $"Reviewers assigned: {why}." + (notes.Count > 0 ? " " + string.Join(" ", notes) : ""));
        }

        var panel = Panels.Of(seats);
        return new CommitteeStage(panel?.Members ?? [], panel?.Quorum ?? 0, reminder, deadline, edition.StaffReviewReminderEvery, Panel: true);
    }
}
