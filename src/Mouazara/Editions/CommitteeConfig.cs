using System.Text.Json.Serialization;

namespace Mouazara.Editions;

/// <summary>The edition's committee: its members, how votes are counted, and how reviewers are asked and reminded.</summary>
public sealed record CommitteeConfig
{
    public required IReadOnlyList<CommitteeMember> Members { get; init; }

    /// <summary>Votes needed for a decision.</summary>
    public required int Quorum { get; init; }

    /// <summary>Least average score, out of 100, for an approval.</summary>
    public required decimal ScoreThreshold { get; init; }

    public required IReadOnlyList<Criterion> Criteria { get; init; }

    public required StageTiming Timing { get; init; }

    /// <summary>
    /// With a value, the members are a pool and each application gets a panel of this many reviewers (assigned, with
    /// recusal and replacement) whose votes make the quorum; without one, every member reviews every application.
    /// Followed by the second lifecycle only.
    /// </summary>
    public int? ReviewersPerApplication { get; init; }

    /// <summary>At least this many reviewer categories on each panel, when the pool allows it (participation: not only the ministry).</summary>
    public int MinCategories { get; init; }

    /// <summary>
    /// Points of total score beyond which the reviewers' totals (highest minus lowest) call for a consensus round;
    /// absent, there is none.
    /// </summary>
    public int? DivergenceThreshold { get; init; }

    /// <summary>How long reviewers have to revise their vote in a consensus round, and when they are reminded.</summary>
    public StageTiming Revision { get; init; } = new() { Deadline = TimeSpan.FromDays(5), ReminderBefore = TimeSpan.FromDays(1) };

    /// <summary>
    /// Open review tasks a reviewer is emailed one by one; further tasks come in a daily digest with the reviewer's page.
    /// Absent, <see cref="DefaultDigestAfter"/>; 0 turns the digest off (every task is emailed on its own).
    /// </summary>
    public int DigestAfter { get; init; } = DefaultDigestAfter;

    /// <summary>"More than a few" open tasks: past three, a reviewer gets the daily digest instead of one email per task.</summary>
    public const int DefaultDigestAfter = 3;

    /// <summary>How often the reviewers' digest goes out (at most once a Casablanca day per reviewer).</summary>
    [JsonConverter(typeof(IsoDurationConverter))]
    public TimeSpan DigestEvery { get; init; } = TimeSpan.FromDays(1);
}
