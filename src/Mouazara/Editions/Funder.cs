




using Mouazara.Kernel;

namespace Mouazara.Editions;

/// <summary>
/// One funder of an edition: the ministry for associations and networks nationally, a partner regional council for
/// the cooperatives of its own region. An award is paid by exactly one funder, from its envelope.
/// </summary>
public sealed record Funder
{
    public required string Id { get; init; }

    public required Bilingual Name { get; init; }

    /// <summary>The funder's envelope for the edition, in MAD.</summary>
    public required decimal Envelope { get; init; }

    /// <summary>The applicant types it funds.</summary>
    public required IReadOnlyList<string> ApplicantTypes { get; init; }

    /// <summary>The regions whose applicants it funds; empty means every region.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    public bool Funds(string applicantType, string region) =>
        ApplicantTypes.Contains(applicantType) && (Regions.Count == 0 || Regions.Contains(region));
}
