




using Mouazara.Storage;

namespace Mouazara.Selection;

/// <summary>One line of an edition's selection history (PK edition, RK "history-" + time + key): who did what, and why.</summary>
public sealed class SelectionHistoryEntity : Entity
{
    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = "";

    public string What { get; set; } = "";
}
