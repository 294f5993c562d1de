using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Mouazara.Documents;
using Mouazara.Storage;
using Mouazara.Testing;

namespace Mouazara.Tests.Documents;

/// <summary>
/// Attachments on Azurite, with the write requests counted: a document that fits in one block costs one Put Blob,
/// a larger one is staged in blocks and committed once; both carry their type and SHA-256, and a file over the cap
/// leaves nothing behind.
/// </summary>
public sealed class DocumentStoreTests
{
    const string ConnectionString = "UseDevelopmentStorage=true";
    readonly string origin = "attachment-test-" + Guid.NewGuid().ToString("N");
    readonly string container = "attachments-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_document_that_fits_in_one_block_is_written_in_one_request_with_its_type_and_hash()
    {
        var (store, storage) = await StoreAsync();
        var file = TestFiles.PdfOfSize(300 * 1024);

        var (stored, rejection) = await store.StoreAsync(kind => "e/app/statutes/one" + kind.Extension, new MemoryStream(file), "application/pdf", CancellationToken.None);

        Assert.Equal(DocumentRejection.None, rejection);
        Assert.Equal(file.Length, stored!.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), stored.Sha256);
        Assert.Equal(["PutBlob"], Writes());
        var blob = storage.DocumentFiles.GetBlobClient(stored.BlobName);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("application/pdf", properties.ContentType);
        Assert.Equal(stored.Sha256, properties.Metadata["sha256"]);
        Assert.Equal(file, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_document_larger_than_a_block_is_staged_in_blocks_and_committed_once()
    {
        var (store, storage) = await StoreAsync();
        var file = TestFiles.PdfOfSize((2 * 1024 * 1024) + 12345);

        var (stored, rejection) = await store.StoreAsync(kind => "e/app/budget/big" + kind.Extension, new MemoryStream(file), "application/pdf", CancellationToken.None);

        Assert.Equal(DocumentRejection.None, rejection);
        Assert.Equal(["PutBlock", "PutBlock", "PutBlock", "PutBlockList"], Writes());
        var blob = storage.DocumentFiles.GetBlobClient(stored!.BlobName);
        Assert.Equal(stored.Sha256, (await blob.GetPropertiesAsync()).Value.Metadata["sha256"]);
        Assert.Equal(file, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_small_document_over_the_cap_is_refused_and_nothing_is_written()
    {
        var (store, storage) = await StoreAsync(maxFileBytes: 100 * 1024);

        var (stored, rejection) = await store.StoreAsync(kind => "e/app/statutes/over" + kind.Extension, new MemoryStream(TestFiles.PdfOfSize(150 * 1024)),
            "application/pdf", CancellationToken.None);

        Assert.Null(stored);
        Assert.Equal(DocumentRejection.TooLarge, rejection);
        Assert.Empty(Writes());
        Assert.False(await storage.DocumentFiles.GetBlobClient("e/app/statutes/over.pdf").ExistsAsync());
    }

    async Task<(DocumentStore Store, MouazaraStorage Storage)> StoreAsync(long maxFileBytes = 10 * 1024 * 1024)
    {
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(new StorageRequestCounter(origin, blobOptions), HttpPipelinePosition.PerRetry);
        var storage = new MouazaraStorage(new TableServiceClient(ConnectionString), new BlobServiceClient(ConnectionString, blobOptions),
            Options.Create(new StorageOptions { ConnectionString = ConnectionString, AttachmentsContainer = container }));
        await storage.DocumentFiles.CreateIfNotExistsAsync();
        return (new DocumentStore(storage, Options.Create(new DocumentOptions { MaxFileBytes = maxFileBytes })), storage);
    }

    /// <summary>The write requests this test's client sent, in the order of their names (PutBlob, PutBlock, PutBlockList).</summary>
    List<string> Writes() => StorageRequests.Snapshot()
        .Where(c => c.Origin == origin && c.Operation.StartsWith("Put", StringComparison.Ordinal))
        .SelectMany(c => Enumerable.Repeat(c.Operation, (int)c.Count)).Order(StringComparer.Ordinal).ToList();
}
