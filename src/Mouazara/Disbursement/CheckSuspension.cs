using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Disbursement;

/// <summary>Whether staff hold this application's disbursement; asked before each tranche falls due.</summary>
[DurableTask(nameof(CheckSuspension))]
public sealed class CheckSuspension(ApplicationStore applications) : TaskActivity<TrancheStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TrancheStep step) =>
        (await applications.GetAsync(step.Edition, step.ApplicationId)).SuspendedAt is not null;
}
