using System.ComponentModel.DataAnnotations;

namespace Mouazara.Security;

public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>Base64 key (at least 32 bytes) that signs every emailed link.</summary>
    [Required]
    public string SigningKey { get; set; } = "";

    /// <summary>The key that signed links before the last rotation; still accepted so no emailed link breaks.</summary>
    public string? PreviousSigningKey { get; set; }

    /// <summary>Public base address of the API, for links in emails (e.g. https://mouazara.example/).</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:7071/");

    /// <summary>How long a document download link works: minutes, since it is shown to its reader, never emailed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DownloadLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
