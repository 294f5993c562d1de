using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Committee;

[DurableTask(nameof(RecordCommitteeDecision))]
public sealed class RecordCommitteeDecision(ApplicationStore applications) : TaskActivity<CommitteeDecision, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CommitteeDecision decision)
    {
        await applications.UpdateAsync(decision.Edition, decision.ApplicationId, a =>
        {
            var evaluation = JsonSerializer.Deserialize<Evaluation>(a.EvaluationJson!, Json.Options)!;
            a.EvaluationJson = JsonSerializer.Serialize(evaluation with
            {
                Recommendation = decision.Approve ? Recommendations.Approve : Recommendations.Reject,
                DecidedBy = decision.Actor,
            }, Json.Options);
        });
        return true;
    }
}
