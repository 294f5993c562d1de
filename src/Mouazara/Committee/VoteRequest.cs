namespace Mouazara.Committee;

public sealed class VoteRequest
{
    public Dictionary<string, int>? Scores { get; set; }

    public string? Recommendation { get; set; }

    public string? Comment { get; set; }
}
