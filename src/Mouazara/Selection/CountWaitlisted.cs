using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Selection;

/// <summary>How many of the edition's applications still wait on its waitlist; none once staff closed it.</summary>
[DurableTask(nameof(CountWaitlisted))]
public sealed class CountWaitlisted(ApplicationStore applications, SelectionStore selections) : TaskActivity<string, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, string edition)
    {
        if ((await selections.FindRoundAsync(edition))?.WaitlistClosedAt is not null)
        {
            return 0;
        }

        var waiting = 0;
        await foreach (var app in applications.ListAsync(edition))
        {
            waiting += app.Status == Statuses.Waitlisted ? 1 : 0;
        }

        return waiting;
    }
}
