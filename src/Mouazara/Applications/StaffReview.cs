using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Programme;

namespace Mouazara.Applications;

public sealed record StaffNotice(string ApplicationId, string Edition, string Stage, int Round);

/// <summary>
/// Cases the rules or the committee cannot settle wait for a programme staff decision; staff are told, and
/// reminded on the edition's rhythm until someone decides.
/// </summary>
public static class StaffReview
{
    public static async Task<StaffDecision> WaitForDecisionAsync(this TaskOrchestrationContext context, ApplicationRef app,
        string stage, string reason, TimeSpan remindEvery)
    {
        await context.SetStatusAsync(app, Statuses.AwaitingStaffReview, reason, reviewStage: stage);
        var decisions = new EventWaiter<StaffDecision>(context, nameof(StaffDecision));
        for (var round = 0; ; round++)
        {
            await context.CallActivityAsync(nameof(NotifyStaff), new StaffNotice(app.ApplicationId, app.Edition, stage, round), Lifecycle.Retry);
            var decision = await decisions.NextAsync(context.Now() + remindEvery);
            if (decision is not null)
            {
                return decision;
            }
        }
    }
}

[DurableTask(nameof(NotifyStaff))]
public sealed partial class NotifyStaff(EditionStore editions, EmailSender email, ILogger<NotifyStaff> logger) : TaskActivity<StaffNotice, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, StaffNotice notice)
    {
        var edition = await editions.GetAsync(notice.Edition);
        var message = Templates.StaffReviewNeeded(notice.ApplicationId, notice.Stage);
        for (var i = 0; i < edition.StaffEmails.Count; i++)
        {
            await email.SendAsync(new OutgoingEmail(notice.ApplicationId, $"staff-{notice.Stage}-{notice.Round}-{i}",
                edition.StaffEmails[i], "staff-review", "fr", message.Subject, message.Html, message.Text));
        }

        Log(logger, notice.ApplicationId, notice.Stage, edition.StaffEmails.Count);
        return edition.StaffEmails.Count;
    }

    [LoggerMessage(LogLevel.Information, "Application {ApplicationId} waits for a staff decision at {Stage}; {Count} staff notified")]
    static partial void Log(ILogger logger, string applicationId, string stage, int count);
}
