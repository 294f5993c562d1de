namespace Mouazara.Committee;

public static class AssignmentStates
{
    /// <summary>Sitting, the evaluation under way: counts in the reviewer's load.</summary>
    public const string Open = "open";

    /// <summary>Sat until the evaluation was counted.</summary>
    public const string Done = "done";

    public const string Recused = "recused";
    public const string Reassigned = "reassigned";
    public const string Removed = "removed";
}
