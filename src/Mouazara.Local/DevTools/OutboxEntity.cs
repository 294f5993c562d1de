




using Mouazara.Storage;

namespace Mouazara.Local.DevTools;

public sealed class OutboxEntity : Entity
{
    public OutboxEntity()
    {
        PartitionKey = "outbox";
    }

    public DateTimeOffset ReceivedAt { get; set; }

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Text { get; set; } = "";

    public string Html { get; set; } = "";

    public string Template { get; set; } = "";

    public string Scope { get; set; } = "";

    public string DedupKey { get; set; } = "";

    /// <summary>"off" when the message switched SendGrid's click tracking off, as every message must.</summary>
    public string ClickTracking { get; set; } = "";
}
