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
}
