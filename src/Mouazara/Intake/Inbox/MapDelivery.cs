using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mouazara.Intake.Mapping;
using Mouazara.Kernel;

namespace Mouazara.Intake.Inbox;

/// <summary>
/// Reads a kept delivery, maps it with its form's mapping file, validates it like any submission and, when all
/// is well, creates the application. Otherwise the delivery is marked rejected with every reason, for staff.
/// Idempotent: an accepted delivery returns what it recorded; an attempt overtaken by a re-processing does nothing.
/// </summary>
[DurableTask(nameof(MapDelivery))]
public sealed partial class MapDelivery(DeliveryInbox inbox, MappingStore mappings, IntakeService intake, ILogger<MapDelivery> logger)
    : TaskActivity<DeliveryRef, MappedDelivery>
{
    static readonly MappedDelivery None = new(null, null, []);

    public override async Task<MappedDelivery> RunAsync(TaskActivityContext context, DeliveryRef delivery)
    {
        var row = await inbox.FindAsync(delivery.Provider, delivery.DeliveryKey)
            ?? throw new InvalidOperationException($"Delivery {delivery.Provider}/{delivery.DeliveryKey} is not in the inbox.");
        if (row.Attempt != delivery.Attempt || row.Status is DeliveryStatuses.Rejected or DeliveryStatuses.Ignored)
        {
            return None;
        }

        if (row.Status == DeliveryStatuses.Accepted && row.ApplicationId is not null && row.Edition is not null)
        {
            return Accepted(row.ApplicationId, row.Edition, DeliveryInbox.Files(row));
        }

        // A generic delivery with links was validated, and its application created, in the request itself.
        if (row.ApplicationId is not null && row.Edition is not null && row.FilesJson is not null)
        {
            await inbox.UpdateAsync(delivery.Provider, delivery.DeliveryKey, r =>
            {
                if (r.Attempt != delivery.Attempt || r.Status != DeliveryStatuses.Received)
                {
                    return false;
                }

                r.Status = DeliveryStatuses.Accepted;
                return true;
            });
            return Accepted(row.ApplicationId, row.Edition, DeliveryInbox.Files(row));
        }

        var raw = await inbox.ReadRawAsync(row);
        var (submission, errors, questions, formId) = DeliveryReader.Read(delivery.Provider, raw.ToMemory(), mappings);
        if (submission is not null)
        {
            // Judged by its arrival: a delivery kept before the call closed, fixed and re-processed after, is still on time.
            errors = await intake.CheckAsync(delivery.Provider, submission, default, row.ReceivedAt);
        }

        if (submission is null || errors.Count > 0)
        {
            await inbox.UpdateAsync(delivery.Provider, delivery.DeliveryKey, r =>
            {
                if (r.Attempt != delivery.Attempt || r.Status != DeliveryStatuses.Received)
                {
                    return false;
                }

                r.Status = DeliveryStatuses.Rejected;
                r.FormId = formId;
                r.ReasonsJson = JsonSerializer.Serialize(errors, Json.Options);
                r.QuestionsJson = JsonSerializer.Serialize(questions, Json.Options);
                return true;
            });
            LogRejected(logger, delivery.Provider, delivery.DeliveryKey, errors.Count);
            return None;
        }

        var files = submission.Documents.Where(d => d.Url is not null)
            .Select(d => new DeliveryFile(d.Type, d.FileName, d.ContentType, d.Url!.AbsoluteUri)).ToList();
        var applicationId = await intake.CreateApplicationAsync(delivery.Provider, submission, default);
        await inbox.UpdateAsync(delivery.Provider, delivery.DeliveryKey, r =>
        {
            if (r.Attempt != delivery.Attempt)
            {
                return false;
            }

            r.Status = DeliveryStatuses.Accepted;
            r.FormId = formId;
            r.ApplicationId = applicationId;
            r.Edition = submission.Edition;
            r.ReasonsJson = null;
            r.FilesJson = JsonSerializer.Serialize(files, Json.Options);
            return true;
        });
        LogAccepted(logger, delivery.Provider, delivery.DeliveryKey, applicationId, files.Count);
        return Accepted(applicationId, submission.Edition, files);
    }

    static MappedDelivery Accepted(string applicationId, string edition, IReadOnlyList<DeliveryFile> files) =>
        new(applicationId, edition, files.Select(f => f.Type).Distinct(StringComparer.Ordinal).ToList());

    [LoggerMessage(LogLevel.Warning, "Delivery {Provider}/{DeliveryKey} rejected with {Problems} problems; kept for staff")]
    static partial void LogRejected(ILogger logger, string provider, string deliveryKey, int problems);

    [LoggerMessage(LogLevel.Information, "Delivery {Provider}/{DeliveryKey} is application {ApplicationId}, with {Files} files to fetch")]
    static partial void LogAccepted(ILogger logger, string provider, string deliveryKey, string applicationId, int files);
}
