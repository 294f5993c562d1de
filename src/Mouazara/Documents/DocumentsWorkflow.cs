using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Documents;

/// <summary>
/// Stage 1: the checklist for the applicant's type. Missing documents are asked for by email with one signed
/// upload link each; the stage waits for uploads until the list is complete or the deadline passes, with one
/// reminder before it. Returns whether the file is complete.
/// </summary>
public static class DocumentsWorkflow
{
    public static async Task<bool> RunAsync(TaskOrchestrationContext context, ApplicationRef app)
    {
        var stage = await context.CallActivityAsync<DocumentsStage>(nameof(OpenDocumentsStage),
            new DocumentsStageInput(app.ApplicationId, app.Edition, context.Now()), Orchestration.Retry);
        if (stage.Missing.Count == 0)
        {
            return true;
        }

        await context.SetStatusAsync(app, Statuses.AwaitingDocuments, AwaitingReason(stage.Missing));
        await context.CallActivityAsync(nameof(SendDocumentsRequest), new DocumentsRequest(app.ApplicationId, app.Edition, stage.Deadline, false), Orchestration.Retry);
        return await WaitForUploadsAsync(context, app, stage);
    }

    /// <summary>
    /// The stage once it is open and the request has gone out: waits for uploads until nothing is missing, with one
    /// reminder, or until the deadline. True when the file is complete.
    /// </summary>
    public static async Task<bool> WaitForUploadsAsync(TaskOrchestrationContext context, ApplicationRef app, DocumentsStage stage)
    {
        var missing = stage.Missing;
        var reminded = stage.ReminderAt >= stage.Deadline;
        var uploads = new EventWaiter<DocumentUploaded>(context, nameof(DocumentUploaded));
        while (missing.Count > 0)
        {
            var upload = await uploads.NextAsync(reminded ? stage.Deadline : stage.ReminderAt);
            if (upload is not null)
            {
                missing = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(FindMissingDocuments), app, Orchestration.Retry);
            }
            else if (!reminded)
            {
                reminded = true;
                await context.CallActivityAsync(nameof(SendDocumentsRequest), new DocumentsRequest(app.ApplicationId, app.Edition, stage.Deadline, true), Orchestration.Retry);
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The reason of the awaiting-documents history line.</summary>
    public static string AwaitingReason(IEnumerable<string> missing) => "Missing: " + string.Join(", ", missing);
}

/// <summary>An applicant uploaded a file through a signed link.</summary>
public sealed record DocumentUploaded(string EventId, string DocumentType);

public sealed record DocumentsStageInput(string ApplicationId, string Edition, DateTimeOffset StartedAt);

/// <param name="Withdrawal">Set when staff withdrew the application before its lifecycle started (it waited for its turn):
/// the lifecycle ends there. Absent from the results recorded before it existed, which replay as they ran.</param>
public sealed record DocumentsStage(IReadOnlyList<string> Missing, DateTimeOffset ReminderAt, DateTimeOffset Deadline,
    WithdrawalRequested? Withdrawal = null);

public sealed record DocumentsRequest(string ApplicationId, string Edition, DateTimeOffset Deadline, bool Reminder);
