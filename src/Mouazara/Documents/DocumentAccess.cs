using System.Collections.Frozen;
using Mouazara.Applications;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Documents;

/// <summary>
/// Who may read which document, in one place, and the short-lived links they read it through. Staff read every
/// document; finance the bank certificate and the agreement of an application with an award; a committee member
/// the documents of the application their review link is for; an applicant their own (a link issued to them names
/// their application).
/// </summary>
public sealed class DocumentAccess(SignedLinks links, TimeProvider time)
{
    /// <summary>What finance needs to pay: where the money goes and what was agreed.</summary>
    public static readonly FrozenSet<string> FinanceTypes =
        new[] { DocumentTypes.BankCertificate, DocumentTypes.SignedAgreement, DocumentTypes.Agreement }.ToFrozenSet(StringComparer.Ordinal);

    public static string Staff(string subject) => "staff:" + subject;

    public static string Finance(string subject) => "finance:" + subject;

    public static string Reviewer(string memberId) => "reviewer:" + memberId;

    public const string Applicant = "applicant";

    /// <summary>
    /// Whether <paramref name="reader"/> may read this document of <paramref name="app"/>. A reviewer's or an applicant's
    /// <paramref name="linkedApplicationId"/> is the application of the signed link they came through.
    /// </summary>
    public static bool MayRead(string reader, ApplicationEntity app, string documentType, string? linkedApplicationId = null) =>
        reader.Split(':', 2)[0] switch
        {
            "staff" => true,
            "finance" => app.AwardJson is not null && FinanceTypes.Contains(documentType),
            "reviewer" => linkedApplicationId is not null && string.Equals(linkedApplicationId, app.ApplicationId, StringComparison.Ordinal),
            // An applicant downloads what the programme made for them to sign, from their own link; their uploads they already have.
            Applicant => documentType == DocumentTypes.Agreement && linkedApplicationId is not null
                && string.Equals(linkedApplicationId, app.ApplicationId, StringComparison.Ordinal),
            _ => false,
        };

    /// <summary>A fresh link to one document's file for <paramref name="reader"/>, valid for <see cref="LinkOptions.DownloadLifetime"/>.</summary>
    public DownloadLink Link(string applicationId, string edition, string documentType, string reader)
    {
        var expires = time.GetUtcNow() + links.DownloadLifetime;
        // Whole seconds, as the token holds them, so expiresAt says exactly when the link stops working.
        expires = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds());
        return new DownloadLink(links.Download(applicationId, edition, documentType, reader, expires), expires);
    }
}

public sealed record DownloadLink(Uri Url, DateTimeOffset ExpiresAt);
