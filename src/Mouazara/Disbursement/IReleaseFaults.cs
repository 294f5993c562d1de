namespace Mouazara.Disbursement;

/// <summary>
/// A seam for crash tests: the local host registers one when <c>Faults:CrashAfterLedgerWrite=true</c> to end the process
/// right after a release's ledger row is written, before the tranche update and the event. Neither host registers one
/// otherwise, and the Functions app never does, so the setting means nothing there (docs/reliability.md).
/// </summary>
public interface IReleaseFaults
{
    void AfterLedgerWrite();
}
