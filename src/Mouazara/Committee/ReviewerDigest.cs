using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Committee;

/// <summary>
/// One edition's reviewers' digest, an eternal orchestration (one instance per edition, started when the edition is
/// saved, like the selection round, so both hosts run it): on the edition's rhythm, once a day by default, every
/// reviewer with more open tasks than the edition emails one by one gets one email listing them, with their page's
/// link. Ends when the reviewers' links have expired.
/// </summary>
[DurableTask(nameof(ReviewerDigest))]
public sealed class ReviewerDigest : TaskOrchestrator<ReviewerDigestInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, ReviewerDigestInput input)
    {
        var run = await context.CallActivityAsync<DigestRun>(nameof(SendReviewerDigests), new DigestRequest(input.Edition, context.Now()), Orchestration.Retry);
        if (run.Done)
        {
            return "done";
        }

        await context.CreateTimer(run.NextAt.UtcDateTime, CancellationToken.None);
        // A fresh history for each day, so an edition-long instance never grows.
        context.ContinueAsNew(input with { Runs = input.Runs + 1 });
        return "continued";
    }

    public static string Instance(string edition) => "reviewer-digest-" + edition;
}

public sealed record ReviewerDigestInput(string Edition, int Runs = 0);

public sealed record DigestRequest(string Edition, DateTimeOffset At);

/// <summary>How many digests went out this time, and when to look again (or that the edition's reviews are over).</summary>
public sealed record DigestRun(int Sent, DateTimeOffset NextAt, bool Done);
