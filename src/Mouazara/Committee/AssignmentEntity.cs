using System.Runtime.Serialization;
using Mouazara.Storage;

namespace Mouazara.Committee;

/// <summary>
/// One reviewer's seat on one application's panel (PK edition, RK <c>{applicationId}~{memberId}</c>): why they were
/// chosen, and how the seat ended. The edition's partition is where a reviewer's load is counted.
/// </summary>
public sealed class AssignmentEntity : Entity
{
    public const char Separator = '~';

    public string ApplicationId { get; set; } = "";

    public string MemberId { get; set; } = "";

    /// <summary>open, done, recused, reassigned or removed (<see cref="AssignmentStates"/>).</summary>
    public string State { get; set; } = AssignmentStates.Open;

    /// <summary>Why this reviewer, e.g. "reads French; agriculture expertise; civil society; load 2 vs average 2.4".</summary>
    public string Reason { get; set; } = "";

    /// <summary>The panel's size when it was assigned: its quorum.</summary>
    public int PanelSize { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    /// <summary>The member whose seat this one took, for a replacement.</summary>
    public string? Replaces { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why the seat ended early: the reviewer's conflict note, staff's reason, or the removal.</summary>
    public string? EndNote { get; set; }

    /// <summary>Who ended it: the reviewer (committee:id), staff (their id) or the edition's change.</summary>
    public string? EndedBy { get; set; }

    [IgnoreDataMember]
    public bool Sitting => State is AssignmentStates.Open or AssignmentStates.Done;

    public static string Key(string applicationId, string memberId) => applicationId + Separator + memberId;
}
