using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Telemetry;

namespace Mouazara.Lifecycle;

/// <summary>
/// The second lifecycle's first stage in one activity, where the first lifecycle runs four: records <c>received</c>
/// and sends the receipt, opens the documents stage and, when something is missing, records
/// <c>awaiting-documents</c> and sends the request. Safe to run again after a crash: the history lines are keyed by
/// orchestration time and status, each email goes out once per dedup key, and a status never replaces a later one. An
/// application staff withdrew before this stage ran is recorded received and its withdrawal returned.
/// </summary>
[DurableTask(nameof(ReceiveApplication))]
public sealed partial class ReceiveApplication(ApplicationStore applications, IndicatorFactStore facts, DocumentStore documents, EditionStore editions,
    IApplicantNotifier notifier, SignedLinks links, EmailSender email, ILogger<ReceiveApplication> logger)
    : TaskActivity<DocumentsStageInput, DocumentsStage>
{
    public const string ReceivedReason = "Submission accepted.";

    public override async Task<DocumentsStage> RunAsync(TaskActivityContext context, DocumentsStageInput input)
    {
        MouazaraTelemetry.Tag(input.ApplicationId);
        var configTask = editions.GetAsync(input.Edition);
        var presentTask = documents.ListAsync(input.ApplicationId);
        var config = await configTask;
        var present = await presentTask;

        List<string> missing = [];
        WithdrawalRequested? withdrawal = null;
        var receivedAt = input.StartedAt;
        (DateTimeOffset Reminder, DateTimeOffset Deadline) period = default;
        var app = await applications.UpdateAsync(input.Edition, input.ApplicationId, a =>
        {
            // The first run's time, not this run's: an episode the engine runs again after a crash (its history was not
            // saved) starts later, and its repeat of this stage must write what the first wrote, not step the status back.
            a.ReceivedAt ??= input.StartedAt;
            receivedAt = a.ReceivedAt.Value;
            period = config.Documents.From(receivedAt);
            // Set on every run of this change: a write refused on its ETag runs it again on the row as it is now.
            withdrawal = a.ReadWithdrawal();
            if (withdrawal is not null)
            {
                // Withdrawn while it waited for its turn: received, and nothing asked of the applicant.
                missing = [];
                return a.MoveTo(Statuses.Received, null, receivedAt);
            }

            missing = DocumentChecklist.Missing(config, a, present);
            if (missing.Count > 0)
            {
                a.DeadlineAt = period.Deadline;
            }

            // Unless a later status is already recorded (a repeat after a crash).
            return missing.Count > 0 ? a.MoveTo(Statuses.AwaitingDocuments, null, AwaitingAt(receivedAt)) : a.MoveTo(Statuses.Received, null, receivedAt);
        });
        var awaitingAt = AwaitingAt(receivedAt);
        var (reminder, deadline) = period;

        var lines = new List<HistoryLine> { new(receivedAt, Statuses.Received, Statuses.Received, "system", ReceivedReason) };
        var statuses = new List<(string, DateTimeOffset)> { (Statuses.Received, receivedAt) };
        if (missing.Count > 0)
        {
            lines.Add(new(awaitingAt, Statuses.AwaitingDocuments, Statuses.AwaitingDocuments, "system", DocumentsWorkflow.AwaitingReason(missing)));
            statuses.Add((Statuses.AwaitingDocuments, awaitingAt));
        }

        // Independent writes and sends, each idempotent on its own: at once rather than one after the other.
        await Task.WhenAll(
            applications.AppendHistoryAsync(input.ApplicationId, lines),
            facts.RecordReceivedAsync(app, statuses),
            notifier.StatusChangedAsync(app, Statuses.Received, receivedAt),
            missing.Count > 0 ? SendDocumentsRequest.SendAsync(links, email, app, missing, deadline, reminder: false) : Task.CompletedTask);
        foreach (var (status, _) in statuses)
        {
            Log(logger, input.ApplicationId, status);
            MouazaraTelemetry.StatusChanged(input.Edition, status);
        }

        return new DocumentsStage(missing, reminder, deadline, withdrawal);
    }

    /// <summary>One orchestration time for both statuses; awaiting-documents a tick later keeps the history in their order.</summary>
    static DateTimeOffset AwaitingAt(DateTimeOffset receivedAt) => receivedAt.AddTicks(1);

    [LoggerMessage(LogLevel.Information, "Application {ApplicationId} is now {Status}")]
    static partial void Log(ILogger logger, string applicationId, string status);
}
