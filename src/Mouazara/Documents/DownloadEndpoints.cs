using Microsoft.AspNetCore.Http;
using Mouazara.Applications;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Documents;

/// <summary>
/// Reading documents: staff and finance ask for a short-lived link to one document
/// (<c>GET /api/applications/{id}/documents/{documentType}</c>), and whoever holds a link downloads the file
/// through it (<c>GET /api/files/{token}</c>), each read recorded before a byte is sent.
/// </summary>
public sealed class DownloadEndpoints(BearerAuthenticator auth, LinkTokens tokens, DocumentAccess access, DocumentStore documents,
    ApplicationStore applications, TimeProvider time)
{
    public async Task<IResult> LinkAsync(HttpContext http, string id, string documentType)
    {
        var (caller, failure) = await auth.AuthenticateAsync(http.Request, Roles.Staff);
        if (caller is null || failure == AuthFailure.Unauthenticated)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthenticated(detail: $"Send Authorization: Bearer <token> with the app role {Roles.Staff} or {Roles.Finance}.");
        }

        var reader = caller.Roles.Contains(Roles.Staff) ? DocumentAccess.Staff(caller.Subject)
            : caller.Roles.Contains(Roles.Finance) ? DocumentAccess.Finance(caller.Subject)
            : null;
        if (reader is null)
        {
            return Problems.Forbidden(Roles.Staff + " or " + Roles.Finance);
        }

        var app = await applications.FindAsync(id, http.RequestAborted);
        if (app is null)
        {
            return Problems.NotFound("application");
        }

        if (!DocumentAccess.MayRead(reader, app, documentType))
        {
            return Problems.Create(403, "forbidden", "Your role does not allow reading this document.",
                "Finance reads the bank certificate and the agreement of an application with an award.");
        }

        var document = await documents.FindAsync(id, documentType, http.RequestAborted);
        if (document is null)
        {
            return Problems.NotFound("document");
        }

        var link = access.Link(id, app.Edition, documentType, reader);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new { url = link.Url, expiresAt = link.ExpiresAt }, Json.Options);
    }

    public async Task<IResult> DownloadAsync(HttpContext http, string token)
    {
        var claims = tokens.Verify(token, LinkPurposes.Download);
        if (claims is not { DocumentType: not null, Reader: not null })
        {
            return Page.WantsHtml(http.Request)
                ? Page.InvalidLink()
                : Problems.Unauthenticated("invalid-link", "This download link is not valid or has expired.",
                    "Download links work for a few minutes: ask for a new one.");
        }

        var app = await applications.FindAsync(claims.Edition, claims.ApplicationId, http.RequestAborted);
        var document = app is null ? null : await documents.FindAsync(claims.ApplicationId, claims.DocumentType, http.RequestAborted);
        if (document is null)
        {
            return Problems.NotFound("document");
        }

        // The rule again at read time: finance loses the link's use if the award is gone since it was issued.
        if (!DocumentAccess.MayRead(claims.Reader, app!, claims.DocumentType, linkedApplicationId: claims.ApplicationId))
        {
            return Problems.Create(403, "forbidden", "Your role does not allow reading this document.");
        }

        var file = await documents.OpenReadAsync(document, http.RequestAborted);
        if (file is not { } opened)
        {
            return Problems.NotFound("document");
        }

        try
        {
            var at = time.GetUtcNow();
            await documents.RecordReadAsync(new DocumentReadEntity
            {
                PartitionKey = claims.ApplicationId,
                RowKey = DocumentReadEntity.RowKeyFor(at),
                Reader = claims.Reader,
                Edition = claims.Edition,
                DocumentType = claims.DocumentType,
                FileName = document.FileName,
                Sha256 = document.Sha256,
                ReadAt = at,
            }, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An unrecorded read is no read: personal data leaves only with its audit row.
            await opened.Content.DisposeAsync();
            return Problems.Unavailable("The read could not be recorded, so the file was not sent. Please retry in a few seconds.");
        }

        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["X-Content-Type-Options"] = "nosniff";
        http.Response.ContentLength = opened.Length;
        // Sets Content-Disposition: attachment with filename* (RFC 5987), so Arabic names arrive intact.
        return TypedResults.Stream(opened.Content, document.ContentType, document.FileName);
    }
}
