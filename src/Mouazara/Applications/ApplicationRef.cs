namespace Mouazara.Applications;

/// <summary>
/// What every orchestration of an application carries: ids only. Names, phones, registration and bank
/// numbers stay in tables, because the task hub keeps inputs and outputs for as long as it keeps history.
/// </summary>
public sealed record ApplicationRef(string ApplicationId, string Edition);

/// <summary>A change of status, written to the read model and the history, with the applicant told when asked.</summary>
public sealed record StatusChange(
    string ApplicationId,
    string Edition,
    string Status,
    DateTimeOffset At,
    string Actor,
    string Reason,
    bool NotifyApplicant = false,
    string? ReviewStage = null);
