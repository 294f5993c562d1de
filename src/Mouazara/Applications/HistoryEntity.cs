




using Mouazara.Storage;

namespace Mouazara.Applications;

/// <summary>One line of an application's history: append-only (PK application id, RK time-ordered).</summary>
public sealed class HistoryEntity : Entity
{
    public HistoryEntity()
    {
        PartitionKey = "";
    }

    public DateTimeOffset At { get; set; }

    public string Status { get; set; } = "";

    public string Actor { get; set; } = "";

    public string Reason { get; set; } = "";
}
