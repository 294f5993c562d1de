using Mouazara.Storage;

namespace Mouazara.Email;

/// <summary>
/// One email the product decided to send (PK application id, RK dedup key). Its recipient is not kept:
/// the row only proves whether that message went out, so a retried activity does not send it twice.
/// </summary>
public sealed class EmailEntity : Entity
{
    public EmailEntity()
    {
        PartitionKey = "";
    }

    public string Template { get; set; } = "";

    public string Language { get; set; } = "";

    public string State { get; set; } = "";

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>While "sending": until when the attempt that claimed the row may still be sending (see <see cref="EmailSender"/>).</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
