namespace Mouazara.Committee;

public sealed class VoteRequest
{
    public Dictionary<string, int>? Scores { get; set; }

    public string? Recommendation { get; set; }

    public string? Comment { get; set; }

    /// <summary>A comment per criterion id; required for a criterion scored under half its maximum.</summary>
    public Dictionary<string, string>? Comments { get; set; }
}
