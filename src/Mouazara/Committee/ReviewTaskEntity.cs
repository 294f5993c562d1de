using System.Runtime.Serialization;
using Mouazara.Storage;

namespace Mouazara.Committee;

/// <summary>
/// One member's review task for one application (PK application id, RK member id). Only the hash of the
/// emailed token is kept: whoever reads this table still cannot vote in a member's name.
/// </summary>
public sealed class ReviewTaskEntity : Entity
{
    public ReviewTaskEntity()
    {
        PartitionKey = "";
    }

    public string TokenHash { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>open, voted or closed.</summary>
    public string State { get; set; } = ReviewTaskStates.Open;

    /// <summary>
    /// The vote, written in the same conditional update that closes the task to further votes: the task row is
    /// where a vote and the end of the evaluation meet, so a vote is either counted or refused, never lost.
    /// </summary>
    public int? Score { get; set; }

    public string? Recommendation { get; set; }

    public DateTimeOffset? CastAt { get; set; }

    /// <summary>A seat on an assigned panel: the reviewer declares no conflict of interest before the form opens.</summary>
    public bool Panel { get; set; }

    /// <summary>When the reviewer declared they have no conflict of interest with the applicant.</summary>
    public DateTimeOffset? ConflictDeclaredAt { get; set; }

    /// <summary>When the review was taken from this reviewer (recusal, reassignment, removal), and the reviewer's or staff's note.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawalNote { get; set; }

    [IgnoreDataMember]
    public VoteView? Vote => State == ReviewTaskStates.Voted && Score is { } score ? new VoteView(RowKey, score, Recommendation!, CastAt!.Value) : null;
}
