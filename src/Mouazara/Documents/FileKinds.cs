namespace Mouazara.Documents;

/// <summary>
/// The file types the programme accepts, recognised by their first bytes rather than by what the sender
/// declares: an executable renamed to .pdf is still refused.
/// </summary>
public static class FileKinds
{
    public sealed record Kind(string ContentType, string Extension);

    public static readonly Kind Pdf = new("application/pdf", ".pdf");
    public static readonly Kind Jpeg = new("image/jpeg", ".jpg");
    public static readonly Kind Png = new("image/png", ".png");

    public static readonly IReadOnlyList<Kind> Accepted = [Pdf, Jpeg, Png];

    /// <summary>A Word document the product generates (the funding agreement); never accepted as an upload.</summary>
    public static readonly Kind Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");

    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int SniffLength = 8;

    public static Kind? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        return null;
    }

    /// <summary>Whether a declared content type is compatible with the detected kind (absent or generic is fine).</summary>
    public static bool DeclaredMatches(string? declared, Kind detected)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return true;
        }

        var type = declared.Split(';', 2)[0].Trim().ToLowerInvariant();
        return type == detected.ContentType || type == "application/octet-stream"
            || (detected == Jpeg && type == "image/jpg");
    }
}
