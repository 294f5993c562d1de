namespace Mouazara.Selection;

/// <summary>
/// The waitlist moving, as a selection problem: when a selected application drops out before its money is spent, the
/// same model is solved again with every confirmed award still standing fixed to its funder and the waitlisted
/// applications as the only free candidates. What the money dropped-out awards already paid stays spent: it comes off
/// the funder's envelope. The targets are counted over the whole portfolio, awards included, exactly as in the round.
/// </summary>
public static class WaitlistPromotion
{
    /// <param name="awarded">Applications whose award stands, each with the amount it was awarded.</param>
    /// <param name="awards">Their funders.</param>
    /// <param name="waitlisted">Applications still waiting, with the amount they asked.</param>
    /// <param name="spent">Per funder, what awards that dropped out had already paid.</param>
    /// <param name="pins">Staff pins; only those on waitlisted applications apply (the others were settled before).</param>
    public static SelectionRequest Request(IReadOnlyList<SelectionCandidate> awarded, IReadOnlyList<SelectionFixedAward> awards,
        IReadOnlyList<SelectionCandidate> waitlisted, IReadOnlyList<SelectionFunder> funders, IReadOnlyDictionary<string, long> spent,
        SelectionTargets targets, IReadOnlyList<string> regions, IReadOnlyList<SelectionPin> pins, double timeLimitSeconds)
    {
        var waiting = waitlisted.Select(w => w.ApplicationId).ToHashSet(StringComparer.Ordinal);
        return new SelectionRequest(
            [.. awarded, .. waitlisted],
            [.. funders.Select(f => f with { EnvelopeCentimes = Math.Max(0, f.EnvelopeCentimes - spent.GetValueOrDefault(f.Id)) })],
            targets,
            regions,
            [.. pins.Where(p => waiting.Contains(p.ApplicationId))],
            awards,
            timeLimitSeconds);
    }

    /// <summary>The waitlisted applications the re-solve selects: every selected one that was not a fixed award.</summary>
    public static IReadOnlyList<SelectedApplication> Promoted(SelectionProposal proposal) =>
        [.. proposal.Selected.Where(s => s.Basis != FixedAward)];

    /// <summary>The waitlisted applications a promotion pins out: not promoted, and told they are not funded.</summary>
    public static IReadOnlyList<NotSelectedApplication> PinnedOut(SelectionProposal proposal) =>
        [.. proposal.NotSelected.Where(n => proposal.Pins.Any(p => p.Pin == SelectionPin.Out && p.ApplicationId == n.ApplicationId))];

    public const string FixedAward = "fixed-award";
}
