namespace Mouazara.Documents;

public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Largest file accepted, in bytes (10 MB).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
}
