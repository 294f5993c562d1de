using Microsoft.Extensions.Options;

namespace Mouazara.Security;

/// <summary>The signed links the product emails, each scoped to one application and one purpose.</summary>
public sealed class SignedLinks(LinkTokens tokens, IOptions<LinkOptions> options)
{
    /// <summary>Status links outlive the funded project's year.</summary>
    public static readonly TimeSpan StatusLifetime = TimeSpan.FromDays(3 * 365);

    public Uri Status(string applicationId, string edition, DateTimeOffset issuedAt)
    {
        // Rounded to the day so every email about one application carries the same link.
        var expires = new DateTimeOffset(issuedAt.UtcDateTime.Date, TimeSpan.Zero) + StatusLifetime;
        return Api("status/" + tokens.Issue(new LinkClaims(LinkPurposes.Status, applicationId, edition, expires.ToUnixTimeSeconds())));
    }

    public Uri Upload(string applicationId, string edition, string documentType, string stage, DateTimeOffset expires) =>
        Api("uploads/" + tokens.Issue(new LinkClaims(LinkPurposes.Upload, applicationId, edition, expires.ToUnixTimeSeconds(), DocumentType: documentType, Stage: stage))
            + "/" + documentType);

    public (Uri Url, string Token) Review(string applicationId, string edition, string memberId, DateTimeOffset expires)
    {
        var token = tokens.Issue(new LinkClaims(LinkPurposes.Review, applicationId, edition, expires.ToUnixTimeSeconds(), MemberId: memberId));
        return (Api("reviews/" + token), token);
    }

    /// <summary>A reviewer's consensus-round link for one application: the others' scores, and one revision.</summary>
    public (Uri Url, string Token) Revision(string applicationId, string edition, string memberId, DateTimeOffset expires)
    {
        var token = tokens.Issue(new LinkClaims(LinkPurposes.Revision, applicationId, edition, expires.ToUnixTimeSeconds(), MemberId: memberId));
        return (Api("revisions/" + token), token);
    }

    /// <summary>A reviewer's own page for one edition; the same link every time (no application in it).</summary>
    public Uri Reviewer(string edition, string memberId, DateTimeOffset expires) =>
        Api("reviewers/" + tokens.Issue(new LinkClaims(LinkPurposes.Reviewer, "", edition, expires.ToUnixTimeSeconds(), MemberId: memberId)));

    /// <summary>A short-lived link to one document's file, issued to one reader (see <see cref="LinkClaims.Reader"/>).</summary>
    public Uri Download(string applicationId, string edition, string documentType, string reader, DateTimeOffset expires) =>
        Api("files/" + tokens.Issue(new LinkClaims(LinkPurposes.Download, applicationId, edition, expires.ToUnixTimeSeconds(), DocumentType: documentType, Reader: reader)));

    public TimeSpan DownloadLifetime => options.Value.DownloadLifetime;

    Uri Api(string path) => new(options.Value.PublicBaseUrl, "api/" + path);
}
