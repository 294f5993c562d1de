using Mouazara.Storage;

namespace Mouazara.Documents;

/// <summary>
/// One read of a document's file (PK application id, RK time then a random suffix, so rows sort by time and never
/// collide). The programme holds personal data under law 09-08: who read what, and when, is kept.
/// </summary>
public sealed class DocumentReadEntity : Entity
{
    /// <summary>Whom the link was issued to: staff:{subject}, finance:{subject}, reviewer:{memberId} or applicant.</summary>
    public string Reader { get; set; } = "";

    public string Edition { get; set; } = "";

    public string DocumentType { get; set; } = "";

    public string FileName { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public DateTimeOffset ReadAt { get; set; }

    public static string RowKeyFor(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];
}
