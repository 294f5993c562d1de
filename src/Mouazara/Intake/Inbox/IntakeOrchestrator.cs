using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Lifecycle;

namespace Mouazara.Intake.Inbox;

/// <summary>
/// Takes a kept delivery to a running application: maps it (or rejects it, with reasons, for staff), fetches the
/// files it links to, each in its own activity with durable retries and backoff, then runs the application's
/// lifecycle as a sub-orchestration whose instance id follows from the application id, as every handler expects.
/// A file that cannot be fetched does not hold the application back: the documents stage asks the applicant for
/// it with an upload link, like any missing document.
/// </summary>
/// <remarks>
/// The instance lives as long as the application (it waits for its sub-orchestration). Versioning: as for
/// <see cref="ApplicationOrchestrator"/>, a change to the sequence of its activities ships as a new orchestrator.
/// Deterministic: no I/O, no clock, no configuration; retry policies are constants.
/// </remarks>
[DurableTask(nameof(IntakeOrchestrator))]
public sealed class IntakeOrchestrator : TaskOrchestrator<DeliveryRef, string>
{
    /// <summary>
    /// File servers fail transiently (Kobo's media server, a storage redirect): 5 attempts over about three and a
    /// half minutes, then the file is reported missing rather than the application held.
    /// </summary>
    public static readonly TaskOptions FetchRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 3,
        maxRetryInterval: TimeSpan.FromMinutes(5)));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, DeliveryRef delivery)
    {
        var mapped = await context.CallActivityAsync<MappedDelivery>(nameof(MapDelivery), delivery, Orchestration.Retry);
        if (mapped.ApplicationId is null || mapped.Edition is null)
        {
            return DeliveryStatuses.Rejected;
        }

        var app = new ApplicationRef(mapped.ApplicationId, mapped.Edition);
        var outcomes = await Task.WhenAll(mapped.DocumentTypes.Select(type => FetchAsync(context, new DocumentFetch(delivery, app.ApplicationId, app.Edition, type))));
        await context.CallActivityAsync<bool>(nameof(CompleteDelivery), new DeliveryCompletion(delivery, app.ApplicationId, context.Now(), outcomes), Orchestration.Retry);
        return await context.CallSubOrchestratorAsync<string>(delivery.Lifecycle ?? nameof(ApplicationOrchestrator), app,
            new SubOrchestrationOptions { InstanceId = ApplicationIds.Instance(app.ApplicationId) });
    }

    static async Task<FileOutcome> FetchAsync(TaskOrchestrationContext context, DocumentFetch fetch)
    {
        try
        {
            return await context.CallActivityAsync<FileOutcome>(nameof(FetchDocument), fetch, FetchRetry);
        }
        catch (TaskFailedException)
        {
            return new FileOutcome(fetch.DocumentType, false, "Not downloaded after 5 attempts; the applicant is asked to upload it.");
        }
    }
}

/// <summary>One processing attempt of one kept delivery: ids only, the answers stay in the raw blob.</summary>
/// <param name="Lifecycle">The application orchestrator to run; deliveries kept before versions existed carry none and run the first.</param>
public sealed record DeliveryRef(string Provider, string DeliveryKey, int Attempt, string? Lifecycle = null);

/// <summary>What mapping gave: the application and the document types to fetch, or no application (rejected, ignored, superseded).</summary>
public sealed record MappedDelivery(string? ApplicationId, string? Edition, IReadOnlyList<string> DocumentTypes);

/// <summary>One linked file to fetch into an application's documents.</summary>
public sealed record DocumentFetch(DeliveryRef Delivery, string ApplicationId, string Edition, string DocumentType);

/// <summary>The end of intake for a delivery: what became of its files, recorded once.</summary>
public sealed record DeliveryCompletion(DeliveryRef Delivery, string ApplicationId, DateTimeOffset At, IReadOnlyList<FileOutcome> Files);
