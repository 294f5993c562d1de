using System.Runtime.Serialization;
using System.Text.Json;
using Mouazara.Kernel;
using Mouazara.Storage;

namespace Mouazara.Applications;

/// <summary>
/// The applications read model: one row per application, partitioned by edition so that staff lists and
/// indicators of an edition read one partition. Personal data stays here, never in orchestration history.
/// </summary>
public sealed class ApplicationEntity : Entity
{
    public ApplicationEntity()
    {
        PartitionKey = "";
    }

    public string Status { get; set; } = "";

    /// <summary>Which stage waits for a staff decision, when the status is awaiting-staff-review.</summary>
    public string? ReviewStage { get; set; }

    public string Language { get; set; } = "fr";

    public string Provider { get; set; } = "";

    public string SubmissionId { get; set; } = "";

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The orchestration time of the status change last recorded; an older change delivered again (activities run at
    /// least once, and a crash can replay one after its successor ran) never moves the status back. Null on older rows.
    /// </summary>
    public DateTimeOffset? StatusAt { get; set; }

    /// <summary>
    /// The orchestration time the lifecycle recorded <c>received</c> at, set by its first stage's first run: a run of
    /// that stage again, in an episode the engine repeats later after a crash, takes this time rather than its own.
    /// </summary>
    public DateTimeOffset? ReceivedAt { get; set; }

    public string ApplicantType { get; set; } = "";

    public string Region { get; set; } = "";

    public string Sector { get; set; } = "";

    public bool Rural { get; set; }

    public bool WomenLed { get; set; }

    public long RequestedCentimes { get; set; }

    public string ApplicantJson { get; set; } = "{}";

    public string ProjectJson { get; set; } = "{}";

    public string? EligibilityJson { get; set; }

    public string? EvaluationJson { get; set; }

    /// <summary>The committee settings as they were when the application reached evaluation (Committee reads it).</summary>
    public string? CommitteeJson { get; set; }

    /// <summary>The edition's selection outcome for this application: selected, waitlisted (rank) or not selected (why).</summary>
    public string? SelectionJson { get; set; }

    public string? AwardJson { get; set; }

    /// <summary>Where the funding agreement stands: sent, signed (the applicant's copy awaits countersigning), countersigned, rejected.</summary>
    public string? AgreementState { get; set; }

    /// <summary>Which sending of the agreement the signed copy answers (one more each time staff send it back).</summary>
    public int AgreementRound { get; set; }

    /// <summary>Set while staff hold disbursement: no tranche falls due and no release is accepted.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public string? SuspensionReason { get; set; }

    /// <summary>Set when staff withdraw the application: from then on nothing is paid, whatever the lifecycle is doing.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawalReason { get; set; }

    /// <summary>Who withdrew it: a lifecycle that starts after the withdrawal (its turn came later) finishes in their name.</summary>
    public string? WithdrawnBy { get; set; }

    /// <summary>Of the award, what went back to the funder's envelope when the application was withdrawn or its award lapsed.</summary>
    public long ReturnedCentimes { get; set; }

    /// <summary>The current stage's deadline, shown to the applicant.</summary>
    public DateTimeOffset? DeadlineAt { get; set; }

    [IgnoreDataMember]
    public string ApplicationId => RowKey;

    [IgnoreDataMember]
    public string Edition => PartitionKey;

    public Applicant ReadApplicant() => JsonSerializer.Deserialize<Applicant>(ApplicantJson, Json.Options)!;

    /// <summary>The withdrawal staff recorded, as the lifecycle hears it: from the event, or from this row when it started later.</summary>
    public WithdrawalRequested? ReadWithdrawal() =>
        WithdrawnAt is { } at ? new WithdrawalRequested("withdrawn", WithdrawalReason ?? "", WithdrawnBy ?? "staff", at) : null;

    public Project ReadProject() => JsonSerializer.Deserialize<Project>(ProjectJson, Json.Options)!;

    /// <summary>The recorded eligibility result, or null before the check ran.</summary>
    public RecordedEligibility? ReadEligibility() =>
        EligibilityJson is null ? null : JsonSerializer.Deserialize<RecordedEligibility>(EligibilityJson, Json.Options);

    /// <summary>
    /// Records a status change made at orchestration time <paramref name="at"/>, unless a later one is already recorded
    /// (see <see cref="StatusAt"/>). False when it was older and nothing changed.
    /// </summary>
    public bool MoveTo(string status, string? reviewStage, DateTimeOffset at)
    {
        if (StatusAt is { } last && at < last)
        {
            return false;
        }

        StatusAt = at;
        Status = status;
        ReviewStage = reviewStage;
        UpdatedAt = at;
        return true;
    }

    /// <summary>The language the applicant chose; every email and page for them is in it.</summary>
    [IgnoreDataMember]
    public Kernel.Language ApplicantLanguage => Languages.TryParse(Language, out var language) ? language : Kernel.Language.Fr;
}
