using Azure;
using Azure.Data.Tables;
using Mouazara.Storage;

namespace Mouazara.Disbursement;

public static class TrancheStatuses
{
    public const string Pending = "pending";
    public const string Due = "due";
    public const string Released = "released";
}

/// <summary>One tranche of an award (PK application id, RK two-digit number).</summary>
public sealed class TrancheEntity : Entity
{
    public TrancheEntity()
    {
        PartitionKey = "";
    }

    public string Edition { get; set; } = "";

    public int Number { get; set; }

    public long AmountCentimes { get; set; }

    public string Status { get; set; } = TrancheStatuses.Pending;

    public string? Requires { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public string? PaymentReference { get; set; }

    public static string Key(int number) => number.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}

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
}
