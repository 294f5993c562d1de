using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Texts;

namespace Mouazara.Applications;

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
