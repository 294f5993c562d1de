using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Selection;

/// <summary>How many of the edition's applications still wait on its waitlist.</summary>
[DurableTask(nameof(CountWaitlisted))]
public sealed class CountWaitlisted(ApplicationStore applications) : TaskActivity<string, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, string edition)
    {
        var waiting = 0;
        await foreach (var app in applications.ListAsync(edition))
        {
            waiting += app.Status == Statuses.Waitlisted ? 1 : 0;
        }

        return waiting;
    }
}
