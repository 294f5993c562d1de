using System.Text.Json;
using Mouazara.Kernel;
using Mouazara.Storage;

namespace Mouazara.Applications;

/// <summary>
/// The indicators' read model: one row per application (PK edition, RK application id) holding only what the programme's
/// indicators need, written by the steps that change those things (intake, status changes, the committee's score, the
/// selection, the award, each release, each accepted report). Every change is idempotent, so an activity run twice or a
/// request sent again leaves the row as it was.
/// </summary>
public sealed class IndicatorFactEntity : Entity
{
    public string Status { get; set; } = "";

    /// <summary>When the status was set; an older change arriving late does not overwrite a newer one.</summary>
    public DateTimeOffset? StatusAt { get; set; }

    /// <summary>The stage the status belongs to (<see cref="IndicatorStages"/>); null once the application ended.</summary>
    public string? Stage { get; set; }

    /// <summary>Each stage's first entry and the moment it was left, as JSON (stage → span).</summary>
    public string StagesJson { get; set; } = "{}";

    public string ApplicantType { get; set; } = "";

    public string Region { get; set; } = "";

    public string Sector { get; set; } = "";

    public bool WomenLed { get; set; }

    public bool Rural { get; set; }

    public long RequestedCentimes { get; set; }

    /// <summary>Jobs the application promised: created and maintained, as submitted.</summary>
    public int ForecastJobsCreated { get; set; }

    public int ForecastJobsMaintained { get; set; }

    /// <summary>The committee's average score (out of 100); Table Storage has no decimal, and a score needs no more than a double.</summary>
    public double? Score { get; set; }

    /// <summary>Ever shortlisted by its committee (stays true whatever happens next).</summary>
    public bool Shortlisted { get; set; }

    /// <summary>The confirmed selection outcome: selected, waitlisted or not-selected.</summary>
    public string? SelectionOutcome { get; set; }

    public int? Rank { get; set; }

    public string? Funder { get; set; }

    public long AwardCentimes { get; set; }

    /// <summary>Each released tranche's amount, as JSON (tranche number → centimes), so a release recorded twice counts once.</summary>
    public string ReleasesJson { get; set; } = "{}";

    public long ReleasedCentimes { get; set; }

    /// <summary>The latest accepted report (by number) and its figures; reports give totals to date, so only the latest counts.</summary>
    public int ReportNumber { get; set; }

    public int JobsCreated { get; set; }

    public int JobsMaintained { get; set; }

    public Dictionary<string, StageSpan> ReadStages() =>
        JsonSerializer.Deserialize<Dictionary<string, StageSpan>>(StagesJson, Json.Options) ?? [];

    public Dictionary<int, long> ReadReleases() =>
        JsonSerializer.Deserialize<Dictionary<int, long>>(ReleasesJson, Json.Options) ?? [];

    /// <summary>
    /// Moves the fact to a status at a time: the stage it leaves gets its end, the stage it enters its start (the first
    /// entry counts). False when nothing changes (the same change again, or one older than what is recorded).
    /// </summary>
    public bool ApplyStatus(string status, string? reviewStage, DateTimeOffset at)
    {
        if (StatusAt is { } last && (at < last || (at == last && status == Status)))
        {
            return false;
        }

        Status = status;
        StatusAt = at;
        Shortlisted |= status == Statuses.Shortlisted;
        var stage = IndicatorStages.Of(status, reviewStage);
        if (stage == Stage)
        {
            return true;
        }

        var stages = ReadStages();
        if (Stage is not null && stages.TryGetValue(Stage, out var left) && left.LeftAt is null)
        {
            stages[Stage] = left with { LeftAt = at };
        }

        if (stage is not null && !stages.ContainsKey(stage))
        {
            stages[stage] = new StageSpan(at, null);
        }

        Stage = stage;
        StagesJson = JsonSerializer.Serialize(stages, Json.Options);
        return true;
    }
}

/// <summary>When an application entered a stage and when it left it (null while it is there).</summary>
public sealed record StageSpan(DateTimeOffset EnteredAt, DateTimeOffset? LeftAt);
