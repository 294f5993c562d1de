using System.ComponentModel.DataAnnotations;

namespace Mouazara.Storage;

/// <summary>
/// Where attachments and state live. Locally a connection string (Azurite); on Azure the service URIs,
/// reached with the app's managed identity so that no key is ever configured.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity, when the service URIs are used.</summary>
    public string? ClientId { get; set; }

    [Required]
    public string AttachmentsContainer { get; set; } = "attachments";

    /// <summary>Prefixes every table name; lets several task hubs or test runs share one account.</summary>
    [RegularExpression("^[A-Za-z]{0,20}$")]
    public string TablePrefix { get; set; } = "";

    /// <summary>
    /// How long one storage request may take before it is abandoned (and retried). Bounds how long a caller waits for a
    /// 503 when storage accepts connections but never answers: at most (MaxRetries + 1) × NetworkTimeout plus the retry
    /// delays, about 31 s by default (docs/reliability.md). Files are written in blocks of 1 MB, well inside it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a storage request that failed on the network, timed out or was answered 408/429/500/502/503/504.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;
}
