




using Mouazara.Storage;

namespace Mouazara.Selection;

/// <summary>A staff pin on one application of a round (PK edition, RK "pin-" + application id).</summary>
public sealed class SelectionPinEntity : Entity
{
    public string ApplicationId { get; set; } = "";

    public string Pin { get; set; } = "";

    public string Reason { get; set; } = "";

    public string Actor { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
