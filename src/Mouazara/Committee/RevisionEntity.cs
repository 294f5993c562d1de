using System.Runtime.Serialization;
using Mouazara.Storage;

namespace Mouazara.Committee;

/// <summary>
/// A reviewer's second round on one application (PK application id, RK member id), a row of its own so the first vote
/// is never overwritten: the link's hash, and once answered, the revised ballot or the word that the first one stands.
/// </summary>
public sealed class RevisionEntity : Entity
{
    public string TokenHash { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>open, revised, kept or closed (the deadline passed unanswered).</summary>
    public string State { get; set; } = RevisionStates.Open;

    public int? Score { get; set; }

    public string? Recommendation { get; set; }

    public string? ScoresJson { get; set; }

    public string? CommentsJson { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The revised vote, or null when the first vote stands.</summary>
    [IgnoreDataMember]
    public VoteView? Vote => State == RevisionStates.Revised && Score is { } score ? new VoteView(RowKey, score, Recommendation!, AnsweredAt!.Value) : null;
}

public static class RevisionStates
{
    public const string Open = "open";
    public const string Revised = "revised";
    public const string Kept = "kept";
    public const string Closed = "closed";
}
