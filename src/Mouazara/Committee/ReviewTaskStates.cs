namespace Mouazara.Committee;

public static class ReviewTaskStates
{
    public const string Open = "open";
    public const string Voted = "voted";
    public const string Closed = "closed";

    /// <summary>The reviewer declared a conflict of interest; the link no longer votes.</summary>
    public const string Recused = "recused";

    /// <summary>Staff gave the review to someone else; the link no longer votes.</summary>
    public const string Reassigned = "reassigned";

    /// <summary>The reviewer left the edition's pool; the link no longer votes.</summary>
    public const string Removed = "removed";

    /// <summary>The review moved to another reviewer, whatever the cause.</summary>
    public static bool Withdrawn(string state) => state is Recused or Reassigned or Removed;
}
