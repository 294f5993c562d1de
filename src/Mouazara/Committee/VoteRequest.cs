namespace Mouazara.Committee;

/// <summary>A ballot: a score per criterion, the recommendation, an overall comment and comments per criterion.</summary>
public class VoteRequest
{
    public Dictionary<string, int>? Scores { get; set; }

    public string? Recommendation { get; set; }

    public string? Comment { get; set; }

    /// <summary>A comment per criterion id; required for a criterion scored under half its maximum.</summary>
    public Dictionary<string, string>? Comments { get; set; }
}
