




using Mouazara.Storage;

namespace Mouazara.Disbursement;

/// <summary>
/// The disbursement ledger: one row per (application, tranche), inserted once. Its key is what makes a
/// release impossible to record twice, whatever is retried or raced.
/// </summary>
public sealed class LedgerEntity : Entity
{
    public LedgerEntity()
    {
        PartitionKey = "";
    }

    public string IdempotencyKey { get; set; } = "";

    public string PaymentReference { get; set; } = "";

    public long AmountCentimes { get; set; }

    public string ValueDate { get; set; } = "";

    public string ReleasedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the request the key was first used with (<see cref="ReleaseEndpoints.Fingerprint"/>); null on rows
    /// written before it was kept, which replay on the key alone.
    /// </summary>
    public string? RequestFingerprint { get; set; }
}
