using Mouazara.Disbursement;

namespace Mouazara.Local.DevTools;

/// <summary>
/// Crash points for the crash tests (<c>Faults:*</c>, read by the local host alone): the process is killed as SIGKILL
/// would, at a moment a random kill rarely hits. <c>Faults:CrashAfterLedgerWrite=true</c>: right after a release's ledger
/// row is written, before the tranche update and the event. <c>Faults:CrashAfterMail=template</c>: right after the mail
/// sink kept the first mail of that template, before SendGrid's answer reaches the sender (the activity then sends it
/// again after the restart: the one duplicate a crash may cost).
/// </summary>
public sealed class CrashFaults : IReleaseFaults
{
    public const string Section = "Faults";

    public bool CrashAfterLedgerWrite { get; set; }

    public string? CrashAfterMail { get; set; }

    public void AfterLedgerWrite()
    {
        if (CrashAfterLedgerWrite)
        {
            Die("after a ledger write");
        }
    }

    public void AfterMailKept(string template)
    {
        if (!string.IsNullOrEmpty(CrashAfterMail) && template == CrashAfterMail)
        {
            Die("after keeping a " + template + " mail");
        }
    }

    static void Die(string where)
    {
        Console.Error.WriteLine("Faults: killing the process " + where + ".");
        System.Diagnostics.Process.GetCurrentProcess().Kill();
    }
}
