using System.Globalization;
using Mouazara.Storage;

namespace Mouazara.Disbursement.Reports;

/// <summary>
/// One row of the Reports table (PK application id, RK <c>{number:D2}-{version:D2}</c>). Version 00 is the request
/// (its type, the tranche it unlocks, its deadline); versions 01, 02, … are what the applicant submitted, each kept,
/// with its figures, its file and, once staff decide, the decision.
/// </summary>
public sealed class ReportEntity : Entity
{
    public string Edition { get; set; } = "";

    public int Number { get; set; }

    public int Version { get; set; }

    public string Type { get; set; } = "";

    /// <summary>The tranche an accepted report makes due; null for the final report.</summary>
    public int? Tranche { get; set; }

    public DateTimeOffset? RequestedAt { get; set; }

    public DateTimeOffset? DeadlineAt { get; set; }

    /// <summary>When the deadline passed without a version submitted (request row).</summary>
    public DateTimeOffset? LateAt { get; set; }

    public int JobsCreated { get; set; }

    public int JobsMaintained { get; set; }

    public int Beneficiaries { get; set; }

    public int BeneficiariesWomen { get; set; }

    public long AmountSpentCentimes { get; set; }

    public string? Narrative { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public long Size { get; set; }

    public string? Sha256 { get; set; }

    public string? BlobName { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? Decision { get; set; }

    public string? Reason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public static string Key(int number, int version) =>
        number.ToString("D2", CultureInfo.InvariantCulture) + "-" + version.ToString("D2", CultureInfo.InvariantCulture);
}
