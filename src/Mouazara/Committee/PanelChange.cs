namespace Mouazara.Committee;

/// <summary>
/// A reviewer leaves an application's panel: they declared a conflict (<c>recusal</c>), staff gave the review to
/// someone else (<c>reassignment</c>), or they left the edition's pool (<c>removal</c>). Their link has already
/// stopped voting; the lifecycle seats a replacement. The event id is the kind and the reviewer, so a repeat is seen.
/// </summary>
public sealed record PanelChange(string EventId, string MemberId, string Kind, string? Note, string Actor)
{
    public const string Recusal = "recusal";
    public const string Reassignment = "reassignment";
    public const string Removal = "removal";

    public static PanelChange Of(string kind, string memberId, string? note, string actor) => new(kind + "-" + memberId, memberId, kind, note, actor);

    /// <summary>The state the reviewer's task and seat take.</summary>
    public static string StateOf(string kind) => kind switch
    {
        Recusal => ReviewTaskStates.Recused,
        Reassignment => ReviewTaskStates.Reassigned,
        _ => ReviewTaskStates.Removed,
    };
}

/// <summary>What the lifecycle hands <see cref="ReplaceReviewer"/>.</summary>
public sealed record ReplacementRequest(string ApplicationId, string Edition, PanelChange Change, DateTimeOffset At);

/// <summary>
/// Whether the reviewer left the panel (false when their vote was in first) and who took the seat, if anyone could; the
/// committee's review period counted from the seating gives the replacement's deadline and reminder (none when it would
/// fall at the seating itself).
/// </summary>
public sealed record Replacement(bool Left, string? NewMemberId, DateTimeOffset? ReminderAt = null, DateTimeOffset? Deadline = null);
