using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Disbursement.Reports;

/// <summary>
/// A report's upload link: GET shows the form; POST takes the form (multipart, the file streamed to storage) or the same
/// as JSON with the file in base64. Invalid input stores nothing: a program gets a 422 naming each field, a person the form
/// again with the messages. A valid report becomes the next version (never replacing one), a history row, and the
/// <see cref="ReportSubmitted"/> event the application's orchestration waits for.
/// </summary>
public sealed class ReportForms(ReportStore reports, DocumentStore documents, ApplicationStore applications, SignedLinks links, TimeProvider time) : IReportForms
{
    const int MaxFieldBytes = 16 * 1024;

    public async Task<IResult> PageAsync(HttpContext http, ApplicationEntity app, string documentType, int number)
    {
        var (request, _, refusal) = await AwaitedAsync(http, app, documentType, number);
        return refusal ?? ReportFormPage.Render(app, request!);
    }

    public async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient client, ApplicationEntity app, string documentType, int number)
    {
        var (request, versions, refusal) = await AwaitedAsync(http, app, documentType, number);
        if (refusal is not null)
        {
            return refusal;
        }

        var version = versions.Count == 0 ? 1 : versions[^1].Version + 1;
        var uploadId = Guid.NewGuid().ToString("N");
        string BlobName(FileKinds.Kind kind) =>
            DocumentStore.BlobNameFor(app.Edition, app.ApplicationId, documentType, $"r{number:D2}-v{version:D2}-{uploadId}", kind.Extension);

        var contentType = http.Request.ContentType;
        Received received;
        if (MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                return Refuse(http, app, Problems.Malformed("The multipart body has no boundary."), PageTexts.Upload.NoFile);
            }

            received = await ReadFormAsync(http, boundary, BlobName);
        }
        else if (media is not null && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var (json, problem) = await ReadJsonAsync(http, BlobName);
            if (problem is not null)
            {
                return problem;
            }

            received = json!;
        }
        else
        {
            return Refuse(http, app, Problems.UnsupportedMediaType("the report as multipart/form-data (the form) or application/json"), PageTexts.Upload.NotAccepted);
        }

        if (received.TooLarge)
        {
            await DiscardAsync(received.File);
            return Refuse(http, app, Problems.TooLarge($"Files are limited to {documents.MaxFileBytes / (1024 * 1024)} MB."), PageTexts.Upload.TooLarge);
        }

        if (received.Errors.Count > 0)
        {
            await DiscardAsync(received.File);
            return Page.WantsHtml(http.Request)
                ? ReportFormPage.Render(app, request!, received.Values, received.Errors)
                : Problems.Invalid(received.Errors.ToDictionary(e => e.Key, e => new[] { e.Value.Api }));
        }

        var now = time.GetUtcNow();
        var file = received.File!;
        var figures = received.Figures!;
        var row = new ReportEntity
        {
            PartitionKey = app.ApplicationId,
            RowKey = ReportEntity.Key(number, version),
            Edition = app.Edition,
            Number = number,
            Version = version,
            Type = documentType,
            Tranche = request!.Tranche,
            JobsCreated = figures.JobsCreated,
            JobsMaintained = figures.JobsMaintained,
            Beneficiaries = figures.Beneficiaries,
            BeneficiariesWomen = figures.BeneficiariesWomen,
            AmountSpentCentimes = figures.AmountSpentCentimes,
            Narrative = figures.Narrative,
            FileName = FileNames.Sanitize(received.FileName, Path.GetExtension(file.BlobName)),
            ContentType = file.ContentType,
            Size = file.Size,
            Sha256 = file.Sha256,
            BlobName = file.BlobName,
            SubmittedAt = now,
        };
        if (!await reports.TryAddAsync(row, http.RequestAborted))
        {
            // Someone submitted this version at the same moment: theirs stands, this one is not kept.
            await DiscardAsync(file);
            return Refuse(http, app, Problems.Conflict("report-not-awaited", "This report is not waiting for a new version.",
                "Another version was submitted at the same time."), PageTexts.Report.NotAwaited);
        }

        await applications.AppendHistoryAsync(app.ApplicationId, now, $"report-{number}-v{version}-submitted", app.Status, "applicant",
            $"Report {number} ({documentType}) version {version} submitted.", http.RequestAborted);
        await client.RaiseEventAsync(ApplicationIds.Instance(app.ApplicationId), nameof(ReportSubmitted),
            new ReportSubmitted($"report-{number}-v{version}", number, version), http.RequestAborted);

        if (Page.WantsHtml(http.Request))
        {
            var l = app.ApplicantLanguage;
            return Page.Render(l, PageTexts.Report.ReceivedTitle.In(l),
                "<p class=\"notice\" role=\"status\">" + Page.Encode(string.Format(CultureInfo.InvariantCulture, PageTexts.Report.Received.In(l), version)) + "</p><p>"
                + "<a href=\"" + Page.Encode(links.Status(app.ApplicationId, app.Edition, app.SubmittedAt).AbsoluteUri) + "\">"
                + Page.Encode(PageTexts.Shell.TrackApplication.In(l)) + "</a></p>", 201);
        }

        return TypedResults.Created((string?)null, ReportVersionView.From(row));
    }

    /// <summary>The report as asked for, and a refusal unless it waits for a (new) version: none yet, or changes requested on the last.</summary>
    async Task<(ReportEntity? Request, List<ReportEntity> Versions, IResult? Refusal)> AwaitedAsync(HttpContext http, ApplicationEntity app, string documentType, int number)
    {
        var (request, versions) = await reports.ReadAsync(app.ApplicationId, number, http.RequestAborted);
        if (request is null || request.Type != documentType)
        {
            return (null, versions, Refuse(http, app, Problems.NotFound("report"), PageTexts.Report.NotRequested));
        }

        if (versions.Count > 0 && versions[^1].Decision != ReportDecisions.ChangesRequested)
        {
            return (request, versions, Refuse(http, app, Problems.Conflict("report-not-awaited", "This report is not waiting for a new version.",
                versions[^1].Decision is null ? "Its last version waits for staff's decision." : "It was accepted."), PageTexts.Report.NotAwaited));
        }

        return (request, versions, null);
    }

    /// <summary>
    /// Reads the form's fields and streams its file. The form sends the figures before the file, so invalid figures are known
    /// before anything is stored; a client that sends the file first has it removed again when the figures are refused.
    /// </summary>
    async Task<Received> ReadFormAsync(HttpContext http, string boundary, Func<FileKinds.Kind, string> blobName)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, ReportFieldError>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
        StoredDocument? stored = null;
        string? fileName = null;
        var sawFile = false;
        var tooLarge = false;
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(http.RequestAborted)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (!disposition.IsFileDisposition())
            {
                values[name] = await ReadFieldAsync(section.Body, http.RequestAborted);
                continue;
            }

            fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            if (sawFile || string.IsNullOrEmpty(fileName) && section.Body.CanSeek && section.Body.Length == 0)
            {
                await section.Body.CopyToAsync(Stream.Null, http.RequestAborted);
                continue;
            }

            sawFile = true;
            if (Figures(values).Errors.Keys.Any(values.ContainsKey))
            {
                await section.Body.CopyToAsync(Stream.Null, http.RequestAborted); // the figures already fail: keep nothing
                continue;
            }

            var (file, rejection) = await documents.StoreAsync(blobName, section.Body, section.ContentType, http.RequestAborted);
            stored = file;
            tooLarge = rejection == DocumentRejection.TooLarge;
            FileError(rejection, section.ContentType, errors);
        }

        var (figures, figureErrors) = Figures(values);
        foreach (var (field, error) in figureErrors)
        {
            errors[field] = error;
        }

        if (!sawFile)
        {
            errors["file"] = new("Required: the report's file (PDF, JPEG or PNG).", PageTexts.Upload.NoFile);
        }

        return new Received(figures, stored, fileName, errors, values, tooLarge);
    }

    static (ReportFigures? Figures, Dictionary<string, ReportFieldError> Errors) Figures(Dictionary<string, string> values) =>
        ReportFigures.Validate(ReportFigures.ParseCount(values.GetValueOrDefault("jobsCreated")), ReportFigures.ParseCount(values.GetValueOrDefault("jobsMaintained")),
            ReportFigures.ParseCount(values.GetValueOrDefault("beneficiaries")), ReportFigures.ParseCount(values.GetValueOrDefault("beneficiariesWomen")),
            ReportFigures.ParseAmount(values.GetValueOrDefault("amountSpent")), values.GetValueOrDefault("narrative"));

    static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read <= MaxFieldBytes)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The JSON form: the figures and the file in base64, read up to what a file of the largest size takes.</summary>
    async Task<(Received? Received, IResult? Problem)> ReadJsonAsync(HttpContext http, Func<FileKinds.Kind, string> blobName)
    {
        var limit = (documents.MaxFileBytes + 2) / 3 * 4 + MaxFieldBytes;
        if (http.Request.ContentLength > limit)
        {
            return (null, Problems.TooLarge($"Files are limited to {documents.MaxFileBytes / (1024 * 1024)} MB."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, Problems.TooLarge($"Files are limited to {documents.MaxFileBytes / (1024 * 1024)} MB."));
            }

            buffer.Write(chunk, 0, read);
        }

        ReportSubmission? body;
        try
        {
            body = JsonSerializer.Deserialize<ReportSubmission>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json.Options);
        }
        catch (JsonException e)
        {
            return (null, Problems.Malformed("The body is not valid JSON for a report" + (e.Path is null ? "." : $" (at {e.Path})."), e.Path?.TrimStart('$', '.')));
        }

        if (body is null)
        {
            return (null, Problems.Malformed("The body is empty."));
        }

        var (figures, errors) = ReportFigures.Validate(body.JobsCreated, body.JobsMaintained, body.Beneficiaries, body.BeneficiariesWomen, body.AmountSpent, body.Narrative);
        byte[]? content = null;
        if (body.File?.ContentBase64 is not { Length: > 0 } base64)
        {
            errors["file"] = new("Required: file {fileName, contentType, contentBase64}.", PageTexts.Upload.NoFile);
        }
        else
        {
            try
            {
                content = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                errors["file"] = new("file.contentBase64 is not base64.", PageTexts.Upload.NotAccepted);
            }
        }

        if (errors.Count > 0)
        {
            return (new Received(null, null, null, errors, new Dictionary<string, string>(), false), null);
        }

        using var stream = new MemoryStream(content!, writable: false);
        var (stored, rejection) = await documents.StoreAsync(blobName, stream, body.File!.ContentType, http.RequestAborted);
        FileError(rejection, body.File.ContentType, errors);
        return (new Received(figures, stored, body.File.FileName, errors, new Dictionary<string, string>(), rejection == DocumentRejection.TooLarge), null);
    }

    static void FileError(DocumentRejection rejection, string? declared, Dictionary<string, ReportFieldError> errors)
    {
        switch (rejection)
        {
            case DocumentRejection.Empty:
                errors["file"] = new("The file is empty.", PageTexts.Upload.Empty);
                break;
            case DocumentRejection.NotAccepted:
                errors["file"] = new("Only PDF, JPEG or PNG files are accepted; this content is none of them.", PageTexts.Upload.NotAccepted);
                break;
            case DocumentRejection.DeclaredMismatch:
                errors["file"] = new($"Declared as {declared} but the content is something else.", PageTexts.Upload.Mismatch);
                break;
            case DocumentRejection.TooLarge:
                errors["file"] = new("The file is too large.", PageTexts.Upload.TooLarge);
                break;
        }
    }

    async Task DiscardAsync(StoredDocument? file)
    {
        if (file is not null)
        {
            await documents.DeleteFileAsync(file.BlobName);
        }
    }

    IResult Refuse(HttpContext http, ApplicationEntity app, IResult problem, Bilingual message) =>
        !Page.WantsHtml(http.Request) ? problem
            : Page.Refusal(app.ApplicantLanguage, (problem as IStatusCodeHttpResult)?.StatusCode ?? 400, message,
                links.Status(app.ApplicationId, app.Edition, app.SubmittedAt).AbsoluteUri);

    sealed record Received(ReportFigures? Figures, StoredDocument? File, string? FileName, Dictionary<string, ReportFieldError> Errors,
        IReadOnlyDictionary<string, string> Values, bool TooLarge);
}

/// <summary>A report sent as JSON through its link.</summary>
public sealed record ReportSubmission(int? JobsCreated, int? JobsMaintained, int? Beneficiaries, int? BeneficiariesWomen, decimal? AmountSpent,
    string? Narrative, ReportFile? File);

public sealed record ReportFile(string? FileName, string? ContentType, string? ContentBase64);
