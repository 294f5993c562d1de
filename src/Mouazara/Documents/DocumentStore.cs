using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Mouazara.Storage;

namespace Mouazara.Documents;

/// <summary>
/// The documents of every application: the only door to the Documents table and the private container that
/// holds their files. Streams a file into the container in blocks: its type is checked from the first
/// block before anything is written, its size is capped as it flows, and nothing becomes visible until the
/// final commit, which also records its SHA-256. A file that fits in one block is written in one request
/// (Put Blob), equally atomic. A refused file leaves nothing behind.
/// </summary>
public sealed class DocumentStore(MouazaraStorage storage, IOptions<DocumentOptions> options)
{
    const int BlockSize = 1024 * 1024;

    public long MaxFileBytes => options.Value.MaxFileBytes;

    public int MaxUploadsPerDocument => options.Value.MaxUploadsPerDocument;

    public async Task<(StoredDocument? File, DocumentRejection Rejection)> StoreAsync(
        Func<FileKinds.Kind, string> blobNameFor, Stream content, string? declaredContentType, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            var filled = await FillAsync(content, buffer, cancellationToken);
            if (filled == 0)
            {
                return (null, DocumentRejection.Empty);
            }

            var kind = FileKinds.Detect(buffer.AsSpan(0, filled));
            if (kind is null)
            {
                return (null, DocumentRejection.NotAccepted);
            }

            if (!FileKinds.DeclaredMatches(declaredContentType, kind))
            {
                return (null, DocumentRejection.DeclaredMismatch);
            }

            var blobName = blobNameFor(kind);
            var blob = storage.DocumentFiles.GetBlockBlobClient(blobName);
            if (filled < BlockSize)
            {
                // The whole file is in the first block, as most documents are: one Put Blob instead of Put Block and
                // Put Block List halves the write transactions, the dearest kind (docs/performance.md).
                if (filled > options.Value.MaxFileBytes)
                {
                    return (null, DocumentRejection.TooLarge);
                }

                var sha256 = Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, filled)));
                using (var whole = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    await blob.UploadAsync(whole, new BlobUploadOptions
                    {
                        HttpHeaders = new BlobHttpHeaders { ContentType = kind.ContentType },
                        Metadata = new Dictionary<string, string> { ["sha256"] = sha256 },
                    }, cancellationToken);
                }

                return (new StoredDocument(blobName, kind.ContentType, filled, sha256), DocumentRejection.None);
            }

            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var blocks = new List<string>();
            long size = 0;
            while (filled > 0)
            {
                size += filled;
                if (size > options.Value.MaxFileBytes)
                {
                    return (null, DocumentRejection.TooLarge);
                }

                sha.AppendData(buffer, 0, filled);
                var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{blocks.Count:D6}"));
                using (var block = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken);
                }

                blocks.Add(id);
                filled = await FillAsync(content, buffer, cancellationToken);
            }

            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            await blob.CommitBlockListAsync(blocks, new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = kind.ContentType },
                Metadata = new Dictionary<string, string> { ["sha256"] = hash },
            }, cancellationToken);
            return (new StoredDocument(blobName, kind.ContentType, size, hash), DocumentRejection.None);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < BlockSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, BlockSize - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>The row that records a stored document, one shape whichever way the file arrived.</summary>
    public static DocumentEntity Row(string applicationId, string documentType, string fileName, StoredDocument stored, DateTimeOffset at, string source) => new()
    {
        PartitionKey = applicationId,
        RowKey = documentType,
        FileName = fileName,
        ContentType = stored.ContentType,
        Size = stored.Size,
        Sha256 = stored.Sha256,
        BlobName = stored.BlobName,
        UploadedAt = at,
        Source = source,
    };

    public Task<DocumentEntity?> FindAsync(string applicationId, string documentType, CancellationToken cancellationToken = default) =>
        storage.Documents.FindAsync<DocumentEntity>(applicationId, documentType, cancellationToken);

    public Task<List<DocumentEntity>> ListAsync(string applicationId, CancellationToken cancellationToken = default) =>
        storage.Documents.ListAsync<DocumentEntity>(applicationId, cancellationToken);

    /// <summary>Records a document unless one of its type is already there (a retried fetch keeps the first).</summary>
    public Task<bool> TryAddAsync(DocumentEntity row, CancellationToken cancellationToken = default) =>
        storage.Documents.TryAddAsync(row, cancellationToken);

    /// <summary>Records a document, replacing the previous file of its type (an applicant's new upload).</summary>
    public Task ReplaceAsync(DocumentEntity row, CancellationToken cancellationToken = default) =>
        storage.Documents.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Records the documents of one application in one transaction (one partition): one request, not one per file.</summary>
    public async Task ReplaceAllAsync(IReadOnlyList<DocumentEntity> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count > 0)
        {
            await storage.Documents.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }
    }

    /// <summary>How a document the product made itself is marked, beside intake and upload-link.</summary>
    public const string GeneratedSource = "generated";

    /// <summary>
    /// Stores a document the product generated (never an upload: these skip the upload kinds on purpose) and records it
    /// with its SHA-256. The blob is named after its content, so a retry writes the same bytes to the same place; when
    /// the row already holds this content it is returned untouched.
    /// </summary>
    public async Task<DocumentEntity> StoreGeneratedAsync(string edition, string applicationId, string documentType, string fileName,
        FileKinds.Kind kind, byte[] content, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var existing = await FindAsync(applicationId, documentType, cancellationToken);
        if (existing is not null && existing.Sha256 == sha256 && existing.Source == GeneratedSource)
        {
            return existing;
        }

        var blobName = BlobNameFor(edition, applicationId, documentType, sha256[..32], kind.Extension);
        using (var stream = new MemoryStream(content, writable: false))
        {
            await storage.DocumentFiles.GetBlockBlobClient(blobName).UploadAsync(stream, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = kind.ContentType },
                Metadata = new Dictionary<string, string> { ["sha256"] = sha256 },
            }, cancellationToken);
        }

        var row = Row(applicationId, documentType, fileName, new StoredDocument(blobName, kind.ContentType, content.LongLength, sha256), at, GeneratedSource);
        await ReplaceAsync(row, cancellationToken);
        return row;
    }

    /// <summary>Removes a stored file whose submission was refused after it was stored (a report form with invalid figures after its file).</summary>
    public Task DeleteFileAsync(string blobName, CancellationToken cancellationToken = default) =>
        storage.DocumentFiles.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Opens a document's file for streaming, with its length; null when the blob is gone.</summary>
    public async Task<(Stream Content, long Length)?> OpenReadAsync(DocumentEntity document, CancellationToken cancellationToken = default)
    {
        try
        {
            var download = await storage.DocumentFiles.GetBlobClient(document.BlobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return (download.Value.Content, download.Value.Details.ContentLength);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Records one read of a document's file (append-only, one row per read).</summary>
    public Task RecordReadAsync(DocumentReadEntity read, CancellationToken cancellationToken = default) =>
        storage.DocumentReads.AddEntityAsync(read, cancellationToken);

    /// <summary>The reads of an application's documents, oldest first.</summary>
    public async Task<List<DocumentReadEntity>> ListReadsAsync(string applicationId, CancellationToken cancellationToken = default) =>
        [.. (await storage.DocumentReads.ListAsync<DocumentReadEntity>(applicationId, cancellationToken)).OrderBy(r => r.RowKey, StringComparer.Ordinal)];

    public static string BlobNameFor(string edition, string applicationId, string documentType, string uploadId, string extension) =>
        $"{edition}/{applicationId}/{documentType}/{uploadId}{extension}";
}

public sealed record StoredDocument(string BlobName, string ContentType, long Size, string Sha256);

public enum DocumentRejection
{
    None,
    Empty,
    NotAccepted,
    DeclaredMismatch,
    TooLarge,
}
