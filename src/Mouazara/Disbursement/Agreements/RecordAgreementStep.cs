using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Disbursement.Agreements;

/// <summary>The signed copy of a round is in: staff may now countersign it (the decision endpoint checks this state).</summary>
[DurableTask(nameof(RecordAgreementStep))]
public sealed class RecordAgreementStep(ApplicationStore applications) : TaskActivity<AgreementStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, AgreementStep step)
    {
        var app = await applications.UpdateAsync(step.Edition, step.ApplicationId, a =>
        {
            a.AgreementState = AgreementStates.Signed;
            a.AgreementRound = step.Round;
            a.DeadlineAt = null;
        });
        await applications.AppendHistoryAsync(step.ApplicationId, step.At, $"agreement-{step.Round}-signed", app.Status, "applicant",
            "Signed funding agreement received; waits for staff to countersign.");
        return true;
    }
}
