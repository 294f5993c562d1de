namespace Mouazara.Editions;

/// <summary>A member of the edition's committee; with panels (<see cref="CommitteeConfig.ReviewersPerApplication"/>), of its reviewer pool.</summary>
public sealed record CommitteeMember
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Email { get; init; }

    public required string Language { get; init; }

    public required string Organisation { get; init; }

    /// <summary>The languages this reviewer reads applications in (ar, fr); empty means only <see cref="Language"/>.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Sectors of expertise (codes of the sector vocabulary); a panel prefers reviewers who know the project's.</summary>
    public IReadOnlyList<string> Sectors { get; init; } = [];

    /// <summary>Region code (MA-01…MA-12) the reviewer comes from; optional.</summary>
    public string? Region { get; init; }

    /// <summary>The reviewer's commune: never assigned to an applicant of the same commune.</summary>
    public string? Commune { get; init; }

    /// <summary>ministry, regional-council, chamber-of-handicrafts or civil-society (<see cref="ReviewerCategories"/>).</summary>
    public string? Category { get; init; }

    /// <summary>Whether this reviewer reads applications written in <paramref name="language"/>.</summary>
    public bool Reads(string language) =>
        Languages.Count == 0 ? Language == language : Languages.Contains(language, StringComparer.Ordinal);
}
