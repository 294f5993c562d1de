




using Mouazara.Storage;

namespace Mouazara.Committee;

/// <summary>A member's ballot in full (PK application id, RK member id): the scores per criterion and the comment.</summary>
public sealed class VoteEntity : Entity
{
    public VoteEntity()
    {
        PartitionKey = "";
    }

    public string ScoresJson { get; set; } = "{}";

    /// <summary>Sum of the criteria scores, out of 100.</summary>
    public int Score { get; set; }

    /// <summary>approve or reject.</summary>
    public string Recommendation { get; set; } = "";

    public string Comment { get; set; } = "";

    /// <summary>The comments per criterion id (only those written), as JSON.</summary>
    public string CommentsJson { get; set; } = "{}";

    public DateTimeOffset CastAt { get; set; }
}
