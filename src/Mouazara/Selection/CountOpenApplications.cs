using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Selection;

/// <summary>How many of the edition's applications are still before the committee's result (documents, eligibility, evaluation).</summary>
[DurableTask(nameof(CountOpenApplications))]
public sealed class CountOpenApplications(ApplicationStore applications) : TaskActivity<string, int>
{
    public static bool IsOpen(string status) => status is Statuses.Received or Statuses.AwaitingDocuments or Statuses.CheckingEligibility
        or Statuses.AwaitingStaffReview or Statuses.InEvaluation;

    public override async Task<int> RunAsync(TaskActivityContext context, string edition)
    {
        var open = 0;
        await foreach (var app in applications.ListAsync(edition))
        {
            open += IsOpen(app.Status) ? 1 : 0;
        }

        return open;
    }
}
