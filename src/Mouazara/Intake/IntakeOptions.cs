namespace Mouazara.Intake;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Per form provider: the shared secret its deliveries are signed with (Key Vault references on Azure).</summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Largest delivery accepted, in bytes; inline files are base64, a third larger than the files.</summary>
    public long MaxBodyBytes { get; set; } = 150L * 1024 * 1024;
}
