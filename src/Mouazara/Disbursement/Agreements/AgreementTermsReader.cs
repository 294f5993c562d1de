using System.Text.Json.Nodes;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Kernel;
using Mouazara.Texts;

namespace Mouazara.Disbursement.Agreements;

/// <summary>
/// Turns what is stored about an application into the terms of its agreement. Pure: the same rows give the same
/// terms, so a retried preparation gives the same document. The agreement is dated on the day of the award.
/// </summary>
public static class AgreementTermsReader
{
    public static AgreementTerms Read(ApplicationEntity application, Award award, Edition edition, DocumentEntity? bankCertificate)
    {
        var applicant = application.ReadApplicant();
        var project = application.ReadProject();
        var funder = award.Funder is null ? null : edition.Funders.FirstOrDefault(f => f.Id == award.Funder);
        return new AgreementTerms(
            application.ApplicationId,
            application.Edition,
            edition.Name,
            application.ApplicantLanguage,
            DateOnly.FromDateTime(CasablancaTime.ToLocal(award.AwardedAt).DateTime),
            new AgreementApplicant(applicant.Type, applicant.Name, applicant.RegistrationNumber, applicant.Representative),
            new AgreementProject(project.Title, project.Sector, applicant.Region),
            funder?.Id ?? award.Funder,
            funder?.Name ?? AgreementTexts.ProgrammeFunder,
            award.AmountCentimes,
            Tranches(award.Tranches),
            new AgreementReporting(award.Tranches.Count(t => t.Requires == DocumentTypes.ProgressReport), edition.Disbursement.Reports.Deadline),
            BankAccountOf(application),
            bankCertificate?.Sha256);
    }

    /// <summary>The applicant's RIB as given at intake (validated there), or null: the agreement then names the bank certificate by its hash.</summary>
    public static string? BankAccountOf(ApplicationEntity application) => application.ReadApplicant().BankAccount;

    /// <summary>The award's plan with what each tranche waits for; progress reports are numbered in the order they fall.</summary>
    public static IReadOnlyList<AgreementTranche> Tranches(IReadOnlyList<AwardTranche> tranches)
    {
        var reports = 0;
        return tranches.OrderBy(t => t.Number).Select(t => new AgreementTranche(t.Number, t.Percent, t.AmountCentimes, t.Requires switch
        {
            null when t.Number == 1 => TrancheCondition.OnSignature,
            null => TrancheCondition.AfterTranche(t.Number - 1),
            DocumentTypes.ProgressReport => TrancheCondition.AfterReport(++reports),
            var document => TrancheCondition.AfterDocument(document),
        })).ToList();
    }
}
