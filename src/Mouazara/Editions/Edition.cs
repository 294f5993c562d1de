using System.Text.Json.Serialization;
using Mouazara.Kernel;

namespace Mouazara.Editions;

/// <summary>
/// One year's call for projects, as programme staff configure it: dates, money, who may apply, which
/// documents are required, the committee and the tranche plan. Stored as one document per edition.
/// </summary>
public sealed record Edition
{
    public required string Id { get; init; }

    public required Bilingual Name { get; init; }

    /// <summary>The call opens and closes on these Casablanca dates (inclusive).</summary>
    public required DateOnly OpensOn { get; init; }

    public required DateOnly ClosesOn { get; init; }

    /// <summary>Total money of the edition, in MAD.</summary>
    public required decimal Envelope { get; init; }

    /// <summary>The most one project may be awarded, in MAD.</summary>
    public required decimal Cap { get; init; }

    public required IReadOnlyList<string> ApplicantTypes { get; init; }

    /// <summary>Region codes that may apply; empty means all twelve.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    public required IReadOnlyList<string> Sectors { get; init; }

    /// <summary>Documents required at application, per applicant type.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredDocuments { get; init; }

    public required StageTiming Documents { get; init; }

    public required CommitteeConfig Committee { get; init; }

    public required IReadOnlyList<TrancheRule> Tranches { get; init; }

    public required DisbursementConfig Disbursement { get; init; }

    /// <summary>
    /// Who pays the awards: each funder's envelope and the applicants it funds. Empty for an edition configured before
    /// funders existed, whose awards come from <see cref="Envelope"/> alone.
    /// </summary>
    public IReadOnlyList<Funder> Funders { get; init; } = [];

    /// <summary>What the selection aims at beyond the best scores: shares, spread and the minimum score.</summary>
    public EditionTargets Targets { get; init; } = new();

    /// <summary>Programme staff who are told when an application waits for their decision.</summary>
    public IReadOnlyList<string> StaffEmails { get; init; } = [];

    /// <summary>How often staff are reminded of an application waiting for their decision.</summary>
    [JsonConverter(typeof(IsoDurationConverter))]
    public TimeSpan StaffReviewReminderEvery { get; init; } = TimeSpan.FromDays(3);

    public IReadOnlyList<string> RequiredDocumentsFor(string applicantType) =>
        RequiredDocuments.TryGetValue(applicantType, out var list) ? list : [];
}

/// <summary>A stage's deadline after it starts, and when to remind before it.</summary>
public sealed record StageTiming
{
    [JsonConverter(typeof(IsoDurationConverter))]
    public required TimeSpan Deadline { get; init; }

    [JsonConverter(typeof(IsoDurationConverter))]
    public required TimeSpan ReminderBefore { get; init; }

    /// <summary>Round the deadline to the end of that day in Casablanca, as people expect of a date.</summary>
    public bool EndOfDay { get; init; } = true;

    public (DateTimeOffset Reminder, DateTimeOffset Deadline) From(DateTimeOffset start)
    {
        var deadline = start + Deadline;
        if (EndOfDay)
        {
            deadline = CasablancaTime.EndOfDay(deadline);
        }

        var reminder = deadline - ReminderBefore;
        return (reminder < start ? start : reminder, deadline);
    }
}

public sealed record Criterion
{
    public required string Id { get; init; }

    public required Bilingual Label { get; init; }

    public required int Max { get; init; }

    /// <summary>What reviewers look for under this criterion, shown under its score field; optional.</summary>
    public Bilingual? Guidance { get; init; }
}

public sealed record TrancheRule
{
    /// <summary>Share of the award, in percent; the plan's shares add up to 100.</summary>
    public required decimal Percent { get; init; }

    /// <summary>A document the applicant must upload before this tranche falls due (e.g. progress-report).</summary>
    public string? Requires { get; init; }
}

public sealed record DisbursementConfig
{
    /// <summary>How long a due tranche may wait before finance officers are reminded.</summary>
    [JsonConverter(typeof(IsoDurationConverter))]
    public required TimeSpan FinanceReminderEvery { get; init; }

    /// <summary>Where "tranche due" notices go.</summary>
    public IReadOnlyList<string> FinanceEmails { get; init; } = [];

    public required StageTiming Reports { get; init; }

    /// <summary>How long a selected applicant has to return the signed funding agreement before the award lapses.</summary>
    public StageTiming Agreement { get; init; } = new() { Deadline = TimeSpan.FromDays(30), ReminderBefore = TimeSpan.FromDays(7) };
}
