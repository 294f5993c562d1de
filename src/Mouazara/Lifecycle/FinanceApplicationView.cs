using Mouazara.Documents;
using Mouazara.Kernel;

namespace Mouazara.Lifecycle;

/// <summary>
/// What a finance officer reads of an application they pay (law 09-08: no more personal data than the payment needs).
/// BankAccount is the RIB; null means "see the bank certificate".
/// </summary>
public sealed record FinanceApplicationView(
    string ApplicationId,
    string Edition,
    string Status,
    Bilingual StatusLabel,
    FinanceApplicant Applicant,
    AwardView? Award,
    IReadOnlyList<LedgerView> Ledger,
    IReadOnlyList<DocumentView> Documents)
{
    /// <summary>The only documents finance sees: where to pay and what was agreed.</summary>
    public static readonly IReadOnlySet<string> DocumentTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        Kernel.DocumentTypes.BankCertificate, Kernel.DocumentTypes.SignedAgreement, Kernel.DocumentTypes.Agreement,
    };
}

public sealed record FinanceApplicant(string Name, string Type, string Region, string? BankAccount);

/// <summary>One release recorded in the ledger.</summary>
public sealed record LedgerView(int Tranche, decimal Amount, string PaymentReference, string ValueDate, string ReleasedBy, DateTimeOffset RecordedAt);
