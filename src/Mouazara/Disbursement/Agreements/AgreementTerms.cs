using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Disbursement.Agreements;

/// <summary>
/// Everything the funding agreement states, read once from the application, its award, its edition and its bank
/// certificate (<see cref="AgreementTermsReader"/>). The same terms always give the same document, byte for byte.
/// </summary>
/// <param name="FunderId">The edition's funder paying the award; null for an edition without funders (the programme pays).</param>
/// <param name="BankAccount">The applicant's RIB when known; otherwise the agreement points to the bank certificate by its hash.</param>
public sealed record AgreementTerms(
    string ApplicationId,
    string Edition,
    Bilingual EditionName,
    Language Language,
    DateOnly IssuedOn,
    AgreementApplicant Applicant,
    AgreementProject Project,
    string? FunderId,
    Bilingual FunderName,
    long AmountCentimes,
    IReadOnlyList<AgreementTranche> Tranches,
    AgreementReporting Reporting,
    string? BankAccount,
    string? BankCertificateSha256);

/// <summary>The applicant as a party: who they are and who signs for them.</summary>
public sealed record AgreementApplicant(string Type, string Name, string RegistrationNumber, Representative Representative);

/// <summary>The project funded; sector and region are vocabulary codes.</summary>
public sealed record AgreementProject(string Title, string Sector, string Region);

/// <summary>The reports owed: progress reports (one per tranche that requires one), each due within the deadline of its request, and a final report.</summary>
public sealed record AgreementReporting(int ProgressReports, TimeSpan Deadline, bool FinalReport = true);
