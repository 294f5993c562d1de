// TEMPORARY until the agreement branch merges.
using Microsoft.DurableTask;
namespace Mouazara.Disbursement.Agreements;
public sealed record AgreementRequest(string ApplicationId, string Edition);
public sealed record AgreementPrepared(string Sha256, string FileName, long Size);
[DurableTask(nameof(PrepareAgreement))]
public sealed class PrepareAgreement : TaskActivity<AgreementRequest, AgreementPrepared>
{
    public override Task<AgreementPrepared> RunAsync(TaskActivityContext context, AgreementRequest input) => Task.FromResult(new AgreementPrepared("", "", 0));
}
