using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Disbursement.Agreements;

/// <summary>
/// Generates and stores the funding agreement of a selected application (<see cref="AgreementPreparer"/>). Safe to
/// retry: the same data gives the same document and hash.
/// </summary>
[DurableTask(nameof(PrepareAgreement))]
public sealed class PrepareAgreement(AgreementPreparer preparer) : TaskActivity<ApplicationRef, AgreementPrepared>
{
    public override Task<AgreementPrepared> RunAsync(TaskActivityContext context, ApplicationRef input) =>
        preparer.PrepareAsync(input.Edition, input.ApplicationId);
}

/// <summary>The stored agreement: its hash, file name and size (no personal data, so it may sit in orchestration history).</summary>
public sealed record AgreementPrepared(string Sha256, string FileName, long Size);
