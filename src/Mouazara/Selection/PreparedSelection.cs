namespace Mouazara.Selection;

/// <summary>
/// A request checked and put in canonical form: candidates ordered by score (highest first) then application id
/// (ordinal), so that neither the model nor its tie-breaking depends on the order the caller listed them in; scores
/// in hundredths, shares in basis points, every id turned into an index.
/// </summary>
sealed class PreparedSelection
{
    public const int BasisPoints = 10_000;

    public required SelectionRequest Request { get; init; }
    public required SelectionCandidate[] Candidates { get; init; }
    public required SelectionFunder[] Funders { get; init; }
    public required long[] Score { get; init; }
    public required long[] Amount { get; init; }

    /// <summary>Per candidate, the funders (indices, in the request's order) that accept its type and region.</summary>
    public required int[][] Eligible { get; init; }

    /// <summary>May be selected at all: score at least the minimum, a funder, not pinned out.</summary>
    public required bool[] Selectable { get; init; }

    public required bool[] PinnedIn { get; init; }
    public required string?[] PinnedOutReason { get; init; }

    /// <summary>The funder of a confirmed award, or -1.</summary>
    public required int[] FixedFunder { get; init; }

    /// <summary>Index into <see cref="Regions"/>, or -1 when the candidate's region is not in the request's list.</summary>
    public required int[] RegionOf { get; init; }
    public required string[] Regions { get; init; }
    public required int[] SectorOf { get; init; }

    /// <summary>The sectors of the candidates, ordinal order.</summary>
    public required string[] Sectors { get; init; }

    public required int WomenBp { get; init; }
    public required int RuralBp { get; init; }
    public required int CapBp { get; init; }
    public required int PerRegionMin { get; init; }
    public required long ScoreMin { get; init; }

    public int Count => Candidates.Length;

    public bool Locked(int i) => PinnedIn[i] || FixedFunder[i] >= 0;

    public static long Hundredths(decimal score) => (long)Math.Round(score * 100m, MidpointRounding.AwayFromZero);

    public static decimal Points(long hundredths) => hundredths / 100m;

    static int Bp(decimal share) => (int)Math.Round(share * BasisPoints, MidpointRounding.AwayFromZero);

    /// <summary>Checks the request; returns the prepared form, or the problems (and whether they are the caller's input or a conflict of pins).</summary>
    public static PreparedSelection? Prepare(SelectionRequest request, List<SelectionReason> invalid, List<SelectionReason> infeasible)
    {
        if (request is null || request.Candidates is null || request.Funders is null || request.Targets is null || request.Regions is null)
        {
            invalid.Add(new(SelectionReasonCodes.InvalidInput, "The request needs candidates, funders, targets and regions."));
            return null;
        }

        var t = request.Targets;
        void Bad(string text) => invalid.Add(new(SelectionReasonCodes.InvalidInput, text));
        if (t.WomenLedMin is < 0 or > 1 || t.RuralMin is < 0 or > 1 || t.SectorMaxShare is < 0 or > 1)
        {
            Bad("Target shares must be between 0 and 1.");
        }

        if (t.PerRegionMin < 0)
        {
            Bad("The per-region minimum cannot be negative.");
        }

        if (t.ScoreMin is < 0 or > 100)
        {
            Bad("The minimum score must be between 0 and 100.");
        }

        if (!(request.TimeLimitSeconds > 0) || double.IsInfinity(request.TimeLimitSeconds))
        {
            Bad("The time limit must be a positive number of seconds.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in request.Candidates)
        {
            if (c is null || string.IsNullOrEmpty(c.ApplicationId))
            {
                Bad("Every candidate needs an application id.");
                continue;
            }

            if (!ids.Add(c.ApplicationId))
            {
                Bad($"Application {c.ApplicationId} is listed twice.");
            }

            if (c.AmountCentimes < 0)
            {
                Bad($"Application {c.ApplicationId} requests a negative amount.");
            }

            if (c.Score is < 0 or > 100)
            {
                Bad($"Application {c.ApplicationId} has a score outside 0..100.");
            }
        }

        var funderIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var f = 0; f < request.Funders.Count; f++)
        {
            var funder = request.Funders[f];
            if (funder is null || string.IsNullOrEmpty(funder.Id) || funder.ApplicantTypes is null || funder.Regions is null)
            {
                Bad("Every funder needs an id, applicant types and regions (empty for all).");
                continue;
            }

            if (!funderIds.TryAdd(funder.Id, f))
            {
                Bad($"Funder {funder.Id} is listed twice.");
            }

            if (funder.EnvelopeCentimes < 0)
            {
                Bad($"Funder {funder.Id} has a negative envelope.");
            }
        }

        if (invalid.Count > 0)
        {
            return null;
        }

        var candidates = request.Candidates
            .OrderByDescending(c => Hundredths(c.Score))
            .ThenBy(c => c.ApplicationId, StringComparer.Ordinal)
            .ToArray();
        var n = candidates.Length;
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            index[candidates[i].ApplicationId] = i;
        }

        var pinnedIn = new bool[n];
        var pinnedOut = new string?[n];
        foreach (var pin in request.Pins ?? [])
        {
            if (pin is null || !index.TryGetValue(pin.ApplicationId ?? "", out var i))
            {
                invalid.Add(new(SelectionReasonCodes.UnknownApplication, $"Pinned application {pin?.ApplicationId} is not among the shortlisted candidates."));
                continue;
            }

            if (pin.Pin == SelectionPin.In)
            {
                pinnedIn[i] = true;
            }
            else if (pin.Pin == SelectionPin.Out)
            {
                pinnedOut[i] = string.IsNullOrWhiteSpace(pin.Reason) ? "no reason given" : pin.Reason;
            }
            else
            {
                Bad($"Application {pin.ApplicationId} is pinned '{pin.Pin}'; a pin is 'in' or 'out'.");
            }

            if (pinnedIn[i] && pinnedOut[i] is not null)
            {
                invalid.Add(new(SelectionReasonCodes.ConflictingPins, $"Application {pin.ApplicationId} is pinned both in and out."));
            }
        }

        var fixedFunder = Enumerable.Repeat(-1, n).ToArray();
        foreach (var award in request.FixedAwards ?? [])
        {
            if (award is null || !index.TryGetValue(award.ApplicationId ?? "", out var i))
            {
                invalid.Add(new(SelectionReasonCodes.UnknownApplication, $"Confirmed award {award?.ApplicationId} is not among the shortlisted candidates."));
                continue;
            }

            if (!funderIds.TryGetValue(award.FunderId ?? "", out var f))
            {
                invalid.Add(new(SelectionReasonCodes.UnknownFunder, $"Confirmed award {award.ApplicationId} names funder {award.FunderId}, which is not in the request."));
                continue;
            }

            if (fixedFunder[i] >= 0 && fixedFunder[i] != f)
            {
                invalid.Add(new(SelectionReasonCodes.ConflictingPins, $"Application {award.ApplicationId} has confirmed awards from two funders."));
            }

            fixedFunder[i] = f;
            if (pinnedOut[i] is not null)
            {
                invalid.Add(new(SelectionReasonCodes.ConflictingPins, $"Application {award.ApplicationId} has a confirmed award and is pinned out."));
            }
        }

        if (invalid.Count > 0)
        {
            return null;
        }

        var regions = request.Regions.Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.Ordinal).ToArray();
        var regionIndex = regions.Select((r, k) => (r, k)).ToDictionary(x => x.r, x => x.k, StringComparer.Ordinal);
        var sectors = candidates.Select(c => c.Sector ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var sectorIndex = sectors.Select((s, k) => (s, k)).ToDictionary(x => x.s, x => x.k, StringComparer.Ordinal);
        var funders = request.Funders.ToArray();
        var scoreMin = Hundredths(t.ScoreMin);
        var score = candidates.Select(c => Hundredths(c.Score)).ToArray();
        var eligible = candidates.Select(c => Enumerable.Range(0, funders.Length).Where(f => Accepts(funders[f], c)).ToArray()).ToArray();
        var selectable = new bool[n];
        for (var i = 0; i < n; i++)
        {
            selectable[i] = score[i] >= scoreMin && eligible[i].Length > 0 && pinnedOut[i] is null;
            var id = candidates[i].ApplicationId;
            if ((pinnedIn[i] || fixedFunder[i] >= 0) && score[i] < scoreMin)
            {
                infeasible.Add(new(SelectionReasonCodes.PinnedBelowMinimum, $"Application {id} must be selected (pinned in or already awarded) but scores {Points(score[i]).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}, below the minimum of {Points(scoreMin).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}."));
            }

            if (pinnedIn[i] && eligible[i].Length == 0)
            {
                infeasible.Add(new(SelectionReasonCodes.PinnedWithoutFunder, $"Application {id} is pinned in but no funder accepts a {candidates[i].ApplicantType} in {candidates[i].Region}."));
            }

            if (fixedFunder[i] >= 0 && !eligible[i].Contains(fixedFunder[i]))
            {
                infeasible.Add(new(SelectionReasonCodes.FixedAwardNotEligible, $"Application {id} has a confirmed award from {funders[fixedFunder[i]].Id}, which does not accept a {candidates[i].ApplicantType} in {candidates[i].Region}."));
            }
        }

        // Money that must go to one funder whatever happens: its confirmed awards, and pinned projects only it can pay.
        for (var f = 0; f < funders.Length; f++)
        {
            var forced = Enumerable.Range(0, n)
                .Where(i => fixedFunder[i] == f || (fixedFunder[i] < 0 && pinnedIn[i] && eligible[i].Length == 1 && eligible[i][0] == f))
                .Sum(i => candidates[i].AmountCentimes);
            if (forced > funders[f].EnvelopeCentimes)
            {
                infeasible.Add(new(SelectionReasonCodes.EnvelopeExceeded, $"The confirmed awards and pinned projects that only {funders[f].Id} can pay need {Mad(forced)}, more than its envelope of {Mad(funders[f].EnvelopeCentimes)}."));
            }
        }

        return new PreparedSelection
        {
            Request = request,
            Candidates = candidates,
            Funders = funders,
            Score = score,
            Amount = candidates.Select(c => c.AmountCentimes).ToArray(),
            Eligible = eligible,
            Selectable = selectable,
            PinnedIn = pinnedIn,
            PinnedOutReason = pinnedOut,
            FixedFunder = fixedFunder,
            RegionOf = candidates.Select(c => regionIndex.TryGetValue(c.Region ?? "", out var r) ? r : -1).ToArray(),
            Regions = regions,
            SectorOf = candidates.Select(c => sectorIndex[c.Sector ?? ""]).ToArray(),
            Sectors = sectors,
            WomenBp = Bp(t.WomenLedMin),
            RuralBp = Bp(t.RuralMin),
            CapBp = Bp(t.SectorMaxShare),
            PerRegionMin = t.PerRegionMin,
            ScoreMin = scoreMin,
        };
    }

    static bool Accepts(SelectionFunder funder, SelectionCandidate candidate) =>
        funder.ApplicantTypes.Contains(candidate.ApplicantType, StringComparer.Ordinal)
        && (funder.Regions.Count == 0 || funder.Regions.Contains(candidate.Region, StringComparer.Ordinal));

    /// <summary>An amount in dirhams for a sentence: "35,000.00 MAD".</summary>
    public static string Mad(long centimes) =>
        (centimes / 100m).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture) + " MAD";
}
