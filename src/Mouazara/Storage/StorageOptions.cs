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
}
