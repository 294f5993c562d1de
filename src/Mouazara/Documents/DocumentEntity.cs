




using Mouazara.Storage;

namespace Mouazara.Documents;

/// <summary>The current file of one document type of one application (PK application id, RK document type).</summary>
public sealed class DocumentEntity : Entity
{
    public DocumentEntity()
    {
        PartitionKey = "";
    }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public string BlobName { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>How many files this document has received through upload links (a replacement counts).</summary>
    public int Uploads { get; set; }

    /// <summary>intake, upload-link, or generated (a document the product made, such as the funding agreement).</summary>
    public string Source { get; set; } = "";
}

/// <summary>A document as a caller sees it; <c>DownloadUrl</c> is a short-lived link for that caller, when their role may read it.</summary>
public sealed record DocumentView(string Type, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, Uri? DownloadUrl = null)
{
    public static DocumentView From(DocumentEntity e) => new(e.RowKey, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedAt);
}
