namespace Mouazara.Documents;

public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Largest file accepted, in bytes (10 MB).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How many files one document of one application may receive through upload links: replacing a wrong scan
    /// is normal, an endless series is not.</summary>
    public int MaxUploadsPerDocument { get; set; } = 5;
}
