namespace Mouazara.Selection;

/// <summary>Where an edition's selection round stands.</summary>
public static class SelectionRoundStatuses
{
    /// <summary>The call is open.</summary>
    public const string Open = "open";

    /// <summary>The call is closed; the round waits for the last applications to leave evaluation.</summary>
    public const string Waiting = "waiting";

    /// <summary>The solver is working on a proposal.</summary>
    public const string Running = "running";

    public const string Proposed = "proposed";
    public const string Confirmed = "confirmed";

    public static string Instance(string edition) => "selection-" + edition;
}
