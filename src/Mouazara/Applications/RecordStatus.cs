using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mouazara.Telemetry;

namespace Mouazara.Applications;

/// <summary>Moves an application to a status: read model, history line, and the applicant's email when asked.</summary>
[DurableTask(nameof(RecordStatus))]
public sealed partial class RecordStatus(ApplicationStore applications, IndicatorFactStore facts, IApplicantNotifier notifier, ILogger<RecordStatus> logger)
    : TaskActivity<StatusChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StatusChange change)
    {
        MouazaraTelemetry.Tag(change.ApplicationId);
        // The history line first: a reader must never see the new status without the line that says why (a staff view
        // read between the two writes once showed "withdrawn" with no withdrawal in the history). The line is keyed, so
        // a retry rewrites it.
        await applications.AppendHistoryAsync(change.ApplicationId, change.At, change.Status, change.Status, change.Actor, change.Reason);
        // Seen in the crash proof: a "selected" delivered again after a crash overwrote the "awaiting-signature" after it.
        var app = await applications.UpdateAsync(change.Edition, change.ApplicationId, a => a.MoveTo(change.Status, change.ReviewStage, change.At));
        await facts.RecordStatusAsync(change.Edition, change.ApplicationId, change.Status, change.ReviewStage, change.At);
        Log(logger, change.ApplicationId, change.Status);
        MouazaraTelemetry.StatusChanged(change.Edition, change.Status);
        if (change.NotifyApplicant)
        {
            // The row as just written: what the email says (award, selection, reasons) is in it, so no second read.
            await notifier.StatusChangedAsync(app, change.Status, change.At);
        }

        return true;
    }

    [LoggerMessage(LogLevel.Information, "Application {ApplicationId} is now {Status}")]
    static partial void Log(ILogger logger, string applicationId, string status);
}
