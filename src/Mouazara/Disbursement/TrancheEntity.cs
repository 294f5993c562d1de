using Mouazara.Storage;

namespace Mouazara.Disbursement;

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
