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
        var (reminder, deadline) = edition.Committee.Timing.From(input.StartedAt);
        await applications.UpdateAsync(input.Edition, input.ApplicationId, a => a.DeadlineAt = deadline);
        return new CommitteeStage(edition.Committee.Members.Select(m => m.Id).ToList(), edition.Committee.Quorum, reminder, deadline, edition.StaffReviewReminderEvery);
    }
}
