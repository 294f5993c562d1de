namespace Mouazara.Selection;

/// <summary>The codes of <see cref="SelectionReason"/>.</summary>
public static class SelectionReasonCodes
{
    // Why an application was left out.
    public const string ScoreBelowMinimum = "score-below-minimum";
    public const string NoFunder = "no-funder";
    public const string PinnedOut = "pinned-out";
    public const string EnvelopeExhausted = "envelope-exhausted";
    public const string SectorCap = "sector-cap";
    public const string TargetPriority = "target-priority";
    public const string CombinedScore = "combined-score";
    public const string PinnedIn = "pinned-in";
    public const string FixedAward = "fixed-award";
    public const string NoBetterPortfolio = "no-better-portfolio";
    public const string SolverLimit = "solver-limit";

    // Why a request cannot be solved: the input is wrong (an HTTP layer answers 422) ...
    public const string InvalidInput = "invalid-input";
    public const string UnknownApplication = "unknown-application";
    public const string UnknownFunder = "unknown-funder";
    public const string ConflictingPins = "conflicting-pins";

    // ... or the pins and confirmed awards cannot hold together (409).
    public const string PinnedBelowMinimum = "pinned-below-minimum";
    public const string PinnedWithoutFunder = "pinned-without-funder";
    public const string FixedAwardNotEligible = "fixed-award-not-eligible";
    public const string EnvelopeExceeded = "envelope-exceeded";
    public const string PinsInfeasible = "pins-infeasible";

    /// <summary>Told to the applications still waitlisted when staff close the edition's waitlist.</summary>
    public const string WaitlistClosed = "waitlist-closed";
}
