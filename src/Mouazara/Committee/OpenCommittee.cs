using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;

namespace Mouazara.Committee;

[DurableTask(nameof(OpenCommittee))]
public sealed class OpenCommittee(EditionStore editions, ApplicationStore applications) : TaskActivity<CommitteeStageInput, CommitteeStage>
{
    public override async Task<CommitteeStage> RunAsync(TaskActivityContext context, CommitteeStageInput input)
    {
        var edition = await editions.GetAsync(input.Edition);
        // The first run keeps the settings; a retry reads back what it kept. One write for both.
        var app = await applications.UpdateAsync(input.Edition, input.ApplicationId, a =>
        {
            a.CommitteeJson ??= CommitteeSnapshot.Serialize(edition.Committee);
            a.DeadlineAt = CommitteeSnapshot.Of(a, edition).Timing.From(input.StartedAt).Deadline;
        });
        var committee = CommitteeSnapshot.Of(app, edition);
        var (reminder, deadline) = committee.Timing.From(input.StartedAt);
        return new CommitteeStage(committee.Members.Select(m => m.Id).ToList(), committee.Quorum, reminder, deadline, edition.StaffReviewReminderEvery);
    }
}
