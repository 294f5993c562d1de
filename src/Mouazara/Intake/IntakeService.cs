using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Programme;
using Mouazara.Storage;

namespace Mouazara.Intake;

public sealed record IntakeAccepted(string ApplicationId, string Edition, string Status, bool Created, DateTimeOffset SubmittedAt);

public sealed record IntakeOutcome(IntakeAccepted? Accepted, Dictionary<string, string[]>? Errors, bool TooLarge = false);

public sealed class SubmissionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public Azure.ETag ETag { get; set; }

    public string SubmissionId { get; set; } = "";

    public string ApplicationId { get; set; } = "";

    public string Edition { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// Turns a validated submission into an application, once. Files are stored before the application row is
/// inserted and the orchestration is started last, so a crash at any point leaves either nothing visible
/// or a state the next delivery of the same submission completes.
/// </summary>
public sealed partial class IntakeService(
    MouazaraStorage storage,
    EditionStore editions,
    ApplicationStore applications,
    AttachmentStore attachments,
    TimeProvider time,
    ILogger<IntakeService> logger)
{
    public long MaxFileBytes => attachments.MaxFileBytes;

    public async Task<IntakeOutcome> AcceptAsync(string provider, Submission submission, IReadOnlyList<InlineFile> inline,
        DurableTaskClient client, CancellationToken cancellationToken)
    {
        var applicationId = ApplicationIds.For(provider, submission.SubmissionId);
        var existing = await applications.FindAsync(applicationId, cancellationToken);
        if (existing is not null)
        {
            await ApplicationStarter.EnsureStartedAsync(client, new ApplicationRef(applicationId, existing.Edition), cancellationToken);
            return new IntakeOutcome(new IntakeAccepted(applicationId, existing.Edition, existing.Status, false, existing.SubmittedAt), null);
        }

        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var edition = await editions.FindAsync(submission.Edition, cancellationToken);
        if (edition is null)
        {
            errors["edition"] = ["No such edition."];
        }
        else
        {
            var today = DateOnly.FromDateTime(CasablancaTime.ToLocal(now).DateTime);
            if (today < edition.OpensOn || today > edition.ClosesOn)
            {
                errors["edition"] = [$"The call is open from {edition.OpensOn:yyyy-MM-dd} to {edition.ClosesOn:yyyy-MM-dd}."];
            }
        }

        var files = new List<(SubmittedDocument Document, InlineFile File)>();
        for (var i = 0; i < submission.Documents.Count; i++)
        {
            var document = submission.Documents[i];
            if (document.Url is not null)
            {
                errors[$"documents[{i}].url"] = ["Files by URL are not supported yet; send contentBase64."];
                continue;
            }

            if (document.InlineIndex is not { } index || index >= inline.Count || files.Any(f => f.File.Index == index))
            {
                errors[$"documents[{i}].contentBase64"] = ["Send the file as one plain base64 JSON string."];
                continue;
            }

            var file = inline[index];
            if (file.TooLarge)
            {
                return new IntakeOutcome(null, null, TooLarge: true);
            }

            var problem = await InspectAsync(file, document.ContentType, cancellationToken);
            if (problem is not null)
            {
                errors[$"documents[{i}].contentBase64"] = [problem];
                continue;
            }

            files.Add((document, file));
        }

        if (errors.Count > 0)
        {
            return new IntakeOutcome(null, errors);
        }

        foreach (var (document, file) in files)
        {
            var (stored, rejection) = await attachments.StoreAsync(
                kind => AttachmentStore.BlobNameFor(submission.Edition, applicationId, document.Type, "intake", kind.Extension),
                file.Content, document.ContentType, cancellationToken);
            if (stored is null)
            {
                throw new InvalidOperationException($"A file inspected as valid was refused on upload: {rejection}.");
            }

            await storage.Documents.UpsertEntityAsync(new DocumentEntity
            {
                PartitionKey = applicationId,
                RowKey = document.Type,
                FileName = document.FileName,
                ContentType = stored.ContentType,
                Size = stored.Size,
                Sha256 = stored.Sha256,
                BlobName = stored.BlobName,
                UploadedAt = now,
                Source = "intake",
            }, TableUpdateMode.Replace, cancellationToken);
        }

        var created = await storage.Applications.TryAddAsync(new ApplicationEntity
        {
            PartitionKey = submission.Edition,
            RowKey = applicationId,
            Status = Statuses.Received,
            Language = submission.Language,
            Provider = provider,
            SubmissionId = submission.SubmissionId,
            SubmittedAt = now,
            UpdatedAt = now,
            ApplicantType = submission.Applicant.Type,
            Region = submission.Applicant.Region,
            Sector = submission.Project.Sector,
            Rural = submission.Applicant.Rural,
            WomenLed = submission.Project.WomenLed,
            RequestedCentimes = (long)(submission.Project.RequestedAmount * Money.CentimesPerDirham),
            ApplicantJson = JsonSerializer.Serialize(submission.Applicant, Json.Options),
            ProjectJson = JsonSerializer.Serialize(submission.Project, Json.Options),
        }, cancellationToken);

        await storage.ApplicationIndex.UpsertEntityAsync(
            new ApplicationIndexEntity { PartitionKey = applicationId, RowKey = "", Edition = submission.Edition }, TableUpdateMode.Replace, cancellationToken);
        await storage.Submissions.UpsertEntityAsync(new SubmissionEntity
        {
            PartitionKey = provider,
            RowKey = applicationId,
            SubmissionId = submission.SubmissionId,
            ApplicationId = applicationId,
            Edition = submission.Edition,
            ReceivedAt = now,
        }, TableUpdateMode.Replace, cancellationToken);
        await ApplicationStarter.EnsureStartedAsync(client, new ApplicationRef(applicationId, submission.Edition), cancellationToken);
        if (created)
        {
            LogAccepted(logger, applicationId, provider, files.Count);
        }

        return new IntakeOutcome(new IntakeAccepted(applicationId, submission.Edition, Statuses.Received, created, now), null);
    }

    static async Task<string?> InspectAsync(InlineFile file, string? declared, CancellationToken cancellationToken)
    {
        if (file.InvalidBase64)
        {
            return "Not valid base64.";
        }

        if (file.Size == 0)
        {
            return "The file is empty.";
        }

        var head = new byte[FileKinds.SniffLength];
        file.Content.Position = 0;
        var read = await file.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Content.Position = 0;
        var kind = FileKinds.Detect(head.AsSpan(0, read));
        if (kind is null)
        {
            return "Only PDF, JPEG or PNG files are accepted; this content is none of them.";
        }

        return FileKinds.DeclaredMatches(declared, kind) ? null : $"Declared as {declared} but the content is {kind.ContentType}.";
    }

    [LoggerMessage(LogLevel.Information, "Application {ApplicationId} received from {Provider} with {Files} files")]
    static partial void LogAccepted(ILogger logger, string applicationId, string provider, int files);
}
