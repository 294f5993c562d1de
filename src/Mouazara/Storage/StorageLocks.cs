using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Mouazara.Storage;

/// <summary>
/// Short mutual exclusion across hosts and instances, for a read-decide-write that rows' ETags cannot guard because it
/// reads many rows (every reviewer's open load) and writes others. A blob lease: held for at most
/// <see cref="Duration"/>, so a holder that dies frees it on its own; released at once otherwise. Blobs live beside
/// the documents under <c>_locks/</c>, a prefix no edition id can take.
/// </summary>
public sealed class StorageLocks(MouazaraStorage storage)
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    /// <summary>Waits for the lock named <paramref name="name"/> (up to twice its duration: by then a dead holder's lease has lapsed).</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = storage.DocumentFiles.GetBlobClient("_locks/" + name);
        var lease = blob.GetBlobLeaseClient();
        // Wall-clock waits, not the product's clock: a lease lapses in real seconds whatever time the product keeps.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await lease.AcquireAsync(Duration, cancellationToken: cancellationToken);
                return new Held(lease);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // The edition's first seating: the blob is made once, then leased like any other time.
                await CreateAsync(blob, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409 && waited.Elapsed < 2 * Duration)
            {
                // Held by another: ask again soon, spread so that waiters do not all ask at once.
                await Task.Delay(TimeSpan.FromMilliseconds(100 + Random.Shared.Next(50 * Math.Min(attempt + 1, 10))), cancellationToken);
            }
        }
    }

    static async Task CreateAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another waiter made it first.
        }
    }

    sealed class Held(BlobLeaseClient lease) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await lease.ReleaseAsync();
            }
            catch (RequestFailedException)
            {
                // Already lapsed (a holder slower than the lease) or storage unreachable: the lease ends on its own.
            }
        }
    }
}
