namespace Mouazara.Committee;

public static class ReviewTaskStates
{
    public const string Open = "open";
    public const string Voted = "voted";
    public const string Closed = "closed";
}
