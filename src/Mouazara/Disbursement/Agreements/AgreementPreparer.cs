using System.Text.Json;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Disbursement.Agreements;

/// <summary>
/// Generates an application's funding agreement from its award and stores it as its <c>agreement</c> document with its
/// SHA-256. Run again on the same data it makes the same bytes and leaves the stored row as it was.
/// </summary>
public sealed class AgreementPreparer(ApplicationStore applications, EditionStore editions, DocumentStore documents, TimeProvider time)
{
    public async Task<AgreementPrepared> PrepareAsync(string edition, string applicationId, CancellationToken cancellationToken = default)
    {
        var terms = await TermsAsync(edition, applicationId, cancellationToken);
        var content = AgreementDocument.Build(terms);
        var row = await documents.StoreGeneratedAsync(edition, applicationId, DocumentTypes.Agreement, AgreementDocument.FileName(terms),
            AgreementDocument.Kind, content, time.GetUtcNow(), cancellationToken);
        return new AgreementPrepared(row.Sha256, row.FileName, row.Size);
    }

    /// <summary>The terms as stored now: the application, its award, its edition and its bank certificate.</summary>
    public async Task<AgreementTerms> TermsAsync(string edition, string applicationId, CancellationToken cancellationToken = default)
    {
        var application = await applications.GetAsync(edition, applicationId, cancellationToken);
        var award = application.AwardJson is { } json
            ? JsonSerializer.Deserialize<Award>(json, Json.Options)!
            : throw new InvalidOperationException($"Application {applicationId} has no award to put in an agreement.");
        var certificate = await documents.FindAsync(applicationId, DocumentTypes.BankCertificate, cancellationToken);
        return AgreementTermsReader.Read(application, award, await editions.GetAsync(edition, cancellationToken), certificate);
    }
}
