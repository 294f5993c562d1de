using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;
using Mouazara.Applications;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Documents;

/// <summary>
/// <c>/api/uploads/{token}/{documentType}</c>: the applicant's signed link for one missing document or report.
/// GET shows a small upload form; PUT or POST take the file, as the raw body or as a form's file field,
/// streamed to storage, and wake the waiting stage.
/// </summary>
public sealed class UploadEndpoints(LinkTokens tokens, SignedLinks links, ApplicationStore applications, DocumentStore attachments, TimeProvider time,
    IReportForms reports, DocumentAccess access)
{
    public async Task<IResult> PageAsync(HttpContext http, string token, string documentType)
    {
        var (claims, app, refusal) = await AuthorizeAsync(http, token, documentType);
        if (refusal is not null)
        {
            return refusal;
        }

        if (Stages.TryParseReport(claims!.Stage, out var report))
        {
            return await reports.PageAsync(http, app!, documentType, report);
        }

        Languages.TryParse(app!.Language, out var language);
        var label = DocumentTypes.All[documentType].In(language);
        var body = new StringBuilder()
            .Append("<p>").Append(Page.Encode(PageTexts.Upload.ApplicationNumber.In(language) + " " + app.ApplicationId)).Append("</p>");
        if (documentType == DocumentTypes.SignedAgreement && await attachments.FindAsync(app.ApplicationId, DocumentTypes.Agreement, http.RequestAborted) is not null)
        {
            // A fresh short-lived link each time the page opens: the emailed page link lasts, the file link does not.
            var agreement = access.Link(app.ApplicationId, app.Edition, DocumentTypes.Agreement, DocumentAccess.Applicant);
            body.Append("<p><a class=\"agreement\" href=\"").Append(Page.Encode(agreement.Url.AbsoluteUri)).Append("\">")
                .Append(Page.Encode(PageTexts.Upload.AgreementToSign.In(language))).Append("</a></p><p>")
                .Append(Page.Encode(PageTexts.Upload.ThenReturnSigned.In(language))).Append("</p>");
        }

        body.Append("<form method=\"post\" enctype=\"multipart/form-data\"><label>")
            .Append(Page.Encode(PageTexts.Upload.FileField.In(language)))
            .Append("<input type=\"file\" name=\"file\" accept=\"application/pdf,image/jpeg,image/png\" required></label><button type=\"submit\">")
            .Append(Page.Encode(PageTexts.Upload.Send.In(language))).Append("</button></form>");
        return Page.Render(language, label, body.ToString());
    }

    public async Task<IResult> UploadAsync(HttpContext http, DurableTaskClient client, string token, string documentType)
    {
        var (claims, app, refusal) = await AuthorizeAsync(http, token, documentType);
        if (refusal is not null)
        {
            return refusal;
        }

        Telemetry.MouazaraTelemetry.Tag(app!.ApplicationId);
        if (Stages.TryParseReport(claims!.Stage, out var report))
        {
            return await reports.SubmitAsync(http, client, app, documentType, report);
        }

        var previous = await attachments.FindAsync(app.ApplicationId, documentType, http.RequestAborted);
        if (previous?.Uploads >= attachments.MaxUploadsPerDocument)
        {
            return Refuse(http, app, Problems.Conflict("too-many-uploads", $"This document was already sent {previous.Uploads} times through upload links.",
                "Contact the programme's staff to replace it."), PageTexts.Upload.TooManyUploads);
        }

        var request = http.Request;
        if (request.ContentLength > attachments.MaxFileBytes + 64 * 1024)
        {
            return Refuse(http, app, Problems.TooLarge($"Files are limited to {attachments.MaxFileBytes / (1024 * 1024)} MB."), PageTexts.Upload.TooLarge);
        }

        Stream content;
        string? declared;
        string? fileName;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                return Refuse(http, app, Problems.Malformed("The multipart body has no boundary."), PageTexts.Upload.NoFile);
            }

            var reader = new MultipartReader(boundary, request.Body);
            MultipartSection? section;
            ContentDispositionHeaderValue? disposition = null;
            while ((section = await reader.ReadNextSectionAsync(http.RequestAborted)) is not null)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out disposition) && disposition.IsFileDisposition())
                {
                    break;
                }
            }

            if (section is null || disposition is null)
            {
                return Refuse(http, app, Problems.Malformed("The form has no file field.", "file"), PageTexts.Upload.NoFile);
            }

            content = section.Body;
            declared = section.ContentType;
            fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
        }
        else
        {
            content = request.Body;
            declared = request.ContentType;
            fileName = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var d)
                ? HeaderUtilities.RemoveQuotes(d.FileNameStar.HasValue ? d.FileNameStar : d.FileName).Value
                : request.Query["fileName"].ToString();
            if (declared is not null && !IsAcceptableDeclaration(declared))
            {
                return Refuse(http, app, Problems.UnsupportedMediaType("the file as application/pdf, image/jpeg, image/png or application/octet-stream, or a multipart/form-data form"), PageTexts.Upload.NotAccepted);
            }
        }

        var uploadId = Guid.NewGuid().ToString("N");
        var (stored, rejection) = await attachments.StoreAsync(
            kind => DocumentStore.BlobNameFor(app!.Edition, app.ApplicationId, documentType, uploadId, kind.Extension), content, declared, http.RequestAborted);
        switch (rejection)
        {
            case DocumentRejection.TooLarge:
                return Refuse(http, app, Problems.TooLarge($"Files are limited to {attachments.MaxFileBytes / (1024 * 1024)} MB."), PageTexts.Upload.TooLarge);
            case DocumentRejection.Empty:
                return Refuse(http, app, Problems.Invalid("file", "The file is empty."), PageTexts.Upload.Empty);
            case DocumentRejection.NotAccepted:
                return Refuse(http, app, Problems.Invalid("file", "Only PDF, JPEG or PNG files are accepted; this content is none of them."), PageTexts.Upload.NotAccepted);
            case DocumentRejection.DeclaredMismatch:
                return Refuse(http, app, Problems.Invalid("file", $"Declared as {declared} but the content is something else."), PageTexts.Upload.Mismatch);
        }

        var now = time.GetUtcNow();
        var entity = DocumentStore.Row(app!.ApplicationId, documentType,
            FileNames.Sanitize(fileName, System.IO.Path.GetExtension(stored!.BlobName)), stored, now, "upload-link");
        entity.Uploads = (previous?.Uploads ?? 0) + 1;
        await attachments.ReplaceAsync(entity, http.RequestAborted);
        if (previous is not null && previous.BlobName != entity.BlobName)
        {
            // The replaced file is not kept: the row names the current one, and nothing else would ever read the old one.
            await attachments.DeleteFileAsync(previous.BlobName, http.RequestAborted);
        }

        await applications.AppendHistoryAsync(app.ApplicationId, now, "upload-" + uploadId, app.Status, "applicant", $"Uploaded {documentType}.", http.RequestAborted);
        await client.RaiseEventAsync(ApplicationIds.Instance(app.ApplicationId), nameof(DocumentUploaded),
            new DocumentUploaded(uploadId, documentType), http.RequestAborted);

        if (Page.WantsHtml(request))
        {
            var language = app.ApplicantLanguage;
            return Page.Render(language, PageTexts.Upload.ReceivedTitle.In(language),
                "<p class=\"notice\">" + Page.Encode(PageTexts.Upload.ThanksReceived.In(language))
                + Page.Encode(DocumentTypes.All[documentType].In(language)) + "</p><p>"
                + Page.Encode(PageTexts.Upload.EmailAtEachStep.In(language))
                + " <a href=\"" + Page.Encode(links.Status(app.ApplicationId, app.Edition, app.SubmittedAt).AbsoluteUri) + "\">"
                + Page.Encode(PageTexts.Shell.TrackApplication.In(language)) + "</a></p>", 201);
        }

        return TypedResults.Created((string?)null, DocumentView.From(entity));
    }

    async Task<(LinkClaims? Claims, ApplicationEntity? App, IResult? Refusal)> AuthorizeAsync(HttpContext http, string token, string documentType)
    {
        var claims = tokens.Verify(token, LinkPurposes.Upload);
        var isReport = Stages.TryParseReport(claims?.Stage, out _) && DocumentTypes.IsReport(documentType);
        if (claims is null || claims.DocumentType != documentType || !(isReport || claims.Stage is Stages.Documents or Stages.Agreement or Stages.Disbursement))
        {
            return (null, null, Refuse(http, null, Problems.Unauthenticated("invalid-link", "This upload link is not valid or has expired."), PageTexts.Shell.InvalidLink));
        }

        var app = await applications.FindAsync(claims.Edition, claims.ApplicationId, http.RequestAborted);
        if (app is null)
        {
            return (null, null, Refuse(http, null, Problems.NotFound("application"), PageTexts.Upload.ApplicationNotFound));
        }

        var expected = claims.Stage switch
        {
            Stages.Documents => Statuses.AwaitingDocuments,
            Stages.Agreement => Statuses.AwaitingSignature,
            _ => Statuses.Disbursing,
        };
        if (app.Status != expected)
        {
            return (null, null, Refuse(http, app, Problems.Conflict("not-awaiting-document", "This application is not waiting for this document any more.",
                $"Its status is {app.Status}."), PageTexts.Upload.NotAwaiting));
        }

        return (claims, app, null);
    }

    /// <summary>A person who clicked the emailed link gets a page in their language; a program gets the problem+json.</summary>
    IResult Refuse(HttpContext http, ApplicationEntity? app, IResult problem, Bilingual message)
    {
        if (!Page.WantsHtml(http.Request))
        {
            return problem;
        }

        var language = Language.Fr;
        if (app is not null)
        {
            Languages.TryParse(app.Language, out language);
        }

        var status = (problem as IStatusCodeHttpResult)?.StatusCode ?? 400;
        return Page.Refusal(language, status, message, app is null ? null : links.Status(app.ApplicationId, app.Edition, app.SubmittedAt).AbsoluteUri);
    }

    static bool IsAcceptableDeclaration(string contentType)
    {
        var type = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return type is "application/pdf" or "image/jpeg" or "image/jpg" or "image/png" or "application/octet-stream";
    }
}
