using System.Text.Json;
using Mouazara.Selection;

namespace Mouazara.Tests.Selection;

/// <summary>The selection round's behaviours staff rely on, one case each.</summary>
public sealed class SelectionSolverTests
{
    const long Mad = 100;
    static readonly string[] Twelve = Enumerable.Range(1, 12).Select(r => $"MA-{r:D2}").ToArray();
    static readonly SelectionTargets NoTargets = new(0, 0, 0, 1, 60);

    static SelectionCandidate Candidate(string id, decimal score, long amountMad, string type = "association", string region = "MA-01",
        string sector = "agriculture", bool womenLed = false, bool rural = false) =>
        new(id, type, region, sector, womenLed, rural, amountMad * Mad, score);

    static SelectionFunder Ministry(long envelopeMad) => new("ministry", envelopeMad * Mad, ["association", "network"], []);

    static SelectionFunder Council(string region, long envelopeMad) => new($"council-{region}", envelopeMad * Mad, ["cooperative"], [region]);

    static SelectionRequest Request(IReadOnlyList<SelectionCandidate> candidates, IReadOnlyList<SelectionFunder> funders, SelectionTargets? targets = null,
        IReadOnlyList<SelectionPin>? pins = null, IReadOnlyList<SelectionFixedAward>? awards = null, IReadOnlyList<string>? regions = null) =>
        new(candidates, funders, targets ?? NoTargets, regions ?? ["MA-01"], pins, awards, TimeLimitSeconds: 10);

    static IEnumerable<string> Ids(SelectionProposal p) => p.Selected.Select(s => s.ApplicationId).Order(StringComparer.Ordinal);

    static NotSelectedApplication Out(SelectionProposal p, string id) => p.NotSelected.Single(n => n.ApplicationId == id);

    [Fact]
    public void An_envelope_is_spent_to_the_last_centime_when_the_best_projects_fit_exactly()
    {
        var proposal = SelectionSolver.Solve(Request(
            [Candidate("A", 90, 60_000), Candidate("B", 85, 50_000), Candidate("C", 80, 40_000)],
            [Ministry(100_000)]));

        Assert.Equal(["A", "C"], Ids(proposal));
        var ministry = proposal.Funders.Single();
        Assert.Equal(100_000 * Mad, ministry.CommittedCentimes);
        Assert.Equal(0, ministry.RemainingCentimes);
        Assert.Equal(80m, ministry.CutOffScore);
    }

    [Fact]
    public void The_status_is_optimal_only_with_proof_and_the_bounds_then_equal_the_values()
    {
        var proposal = SelectionSolver.Solve(Request(
            [Candidate("A", 90, 60_000), Candidate("B", 85, 50_000), Candidate("C", 80, 40_000)],
            [Ministry(100_000)]));

        Assert.Equal(SelectionStatus.Optimal, proposal.Solver.Status);
        Assert.Equal(170m, proposal.Solver.Score);
        Assert.Equal(proposal.Solver.Score, proposal.Solver.ScoreBound);
        Assert.Equal(0, proposal.Solver.Shortfall);
        Assert.Equal(["shortfall", "score"], proposal.Solver.Phases.Select(p => p.Name));
        Assert.All(proposal.Solver.Phases, p => Assert.Equal(SelectionStatus.Optimal, p.Status));
    }

    [Fact]
    public void A_cooperative_outside_every_partner_region_is_never_selected_and_its_reason_is_no_funder()
    {
        var proposal = SelectionSolver.Solve(Request(
            [Candidate("COOP-07", 99, 30_000, type: "cooperative", region: "MA-07"), Candidate("COOP-01", 70, 30_000, type: "cooperative", region: "MA-01")],
            [Ministry(1_000_000), Council("MA-01", 1_000_000), Council("MA-02", 1_000_000)]));

        Assert.Equal(["COOP-01"], Ids(proposal));
        Assert.Equal("council-MA-01", proposal.Selected.Single().FunderId);
        var coop = Out(proposal, "COOP-07");
        Assert.False(coop.Waitlisted);
        var reason = Assert.Single(coop.Reasons);
        Assert.Equal(SelectionReasonCodes.NoFunder, reason.Code);
        Assert.Contains("cooperative in MA-07", reason.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(proposal.Waitlist, w => w.ApplicationId == "COOP-07");
    }

    [Fact]
    public void A_women_led_target_brings_in_a_lower_scored_project_and_the_reason_says_so()
    {
        var proposal = SelectionSolver.Solve(Request(
            [Candidate("A", 90, 40_000), Candidate("B", 85, 40_000), Candidate("W", 70, 40_000, womenLed: true)],
            [Ministry(80_000)],
            NoTargets with { WomenLedMin = 0.5m }));

        Assert.Equal(["A", "W"], Ids(proposal));
        Assert.Equal(0, proposal.Solver.Shortfall);
        var b = Out(proposal, "B");
        Assert.True(b.Waitlisted);
        var priority = Assert.Single(b.Reasons, r => r.Code == SelectionReasonCodes.TargetPriority);
        Assert.Contains("W was needed for the women-led target (50%)", priority.Text, StringComparison.Ordinal);
        Assert.Contains(b.Reasons, r => r.Code == SelectionReasonCodes.EnvelopeExhausted);
        var women = proposal.Targets.Single(t => t.Name == "womenLedMin");
        Assert.True(women.Met);
        Assert.Equal(0.5m, women.Achieved);
    }

    [Fact]
    public void A_project_that_fits_but_would_lower_the_women_led_share_below_target_says_so()
    {
        var proposal = SelectionSolver.Solve(Request(
            [Candidate("W", 90, 40_000, womenLed: true), Candidate("B", 85, 40_000)],
            [Ministry(200_000)],
            NoTargets with { WomenLedMin = 0.64m }));

        Assert.Equal(["W"], Ids(proposal));
        var reason = Assert.Single(Out(proposal, "B").Reasons);
        Assert.Equal(SelectionReasonCodes.TargetPriority, reason.Code);
        Assert.Contains("below the 64% target: 1 of 2", reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_target_is_missed_by_as_few_projects_as_possible_and_reported()
    {
        // Twelve regions at one project each, but money for three: nine regions short, whatever is chosen.
        var candidates = Twelve.Select((r, k) => Candidate($"R{k:D2}", 90 - k, 30_000, region: r)).ToList();
        var proposal = SelectionSolver.Solve(Request(candidates, [Ministry(90_000)], NoTargets with { PerRegionMin = 1 }, regions: Twelve));

        Assert.Equal(SelectionStatus.Optimal, proposal.Solver.Status);
        Assert.Equal(["R00", "R01", "R02"], Ids(proposal));
        Assert.Equal(9, proposal.Solver.Shortfall);
        var regions = proposal.Targets.Where(t => t.Name == "perRegionMin").ToList();
        Assert.Equal(12, regions.Count);
        Assert.Equal(9, regions.Count(t => !t.Met));
        Assert.Equal("MA-04", regions.First(t => !t.Met).Scope);
    }

    [Fact]
    public void A_project_below_the_minimum_score_is_never_selected_even_with_money_left()
    {
        var proposal = SelectionSolver.Solve(Request([Candidate("LOW", 59.99m, 10_000), Candidate("OK", 60, 10_000)], [Ministry(1_000_000)]));

        Assert.Equal(["OK"], Ids(proposal));
        var low = Out(proposal, "LOW");
        Assert.False(low.Waitlisted);
        Assert.Equal(SelectionReasonCodes.ScoreBelowMinimum, Assert.Single(low.Reasons).Code);
        Assert.Contains("59.99", low.Reasons[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Envelope_exhausted_names_the_funder_its_remaining_money_and_the_amount_requested()
    {
        var proposal = SelectionSolver.Solve(Request([Candidate("A", 90, 70_000), Candidate("B", 80, 35_000)], [Ministry(100_000)]));

        Assert.Equal(["A"], Ids(proposal));
        var reason = Assert.Single(Out(proposal, "B").Reasons);
        Assert.Equal(SelectionReasonCodes.EnvelopeExhausted, reason.Code);
        Assert.Equal("ministry has 30,000.00 MAD left of its envelope; it requests 35,000.00 MAD.", reason.Text);
    }

    [Fact]
    public void A_dear_project_left_out_for_two_cheaper_ones_is_explained_by_their_combined_score()
    {
        var proposal = SelectionSolver.Solve(Request(
            [Candidate("BIG", 95, 100_000), Candidate("S1", 80, 50_000), Candidate("S2", 79, 50_000)],
            [Ministry(100_000)]));

        Assert.Equal(["S1", "S2"], Ids(proposal));
        var combined = Assert.Single(Out(proposal, "BIG").Reasons, r => r.Code == SelectionReasonCodes.CombinedScore);
        Assert.Contains("at least 159.00 points together, against its 95.00", combined.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sector_at_its_cap_keeps_out_a_better_project_of_that_sector_and_says_so()
    {
        // Four projects at most (money); a 30 % cap allows one per sector.
        var proposal = SelectionSolver.Solve(Request(
            [
                Candidate("A1", 95, 10_000, sector: "a"), Candidate("A2", 94, 10_000, sector: "a"),
                Candidate("B", 70, 10_000, sector: "b"), Candidate("C", 69, 10_000, sector: "c"), Candidate("D", 68, 10_000, sector: "d"),
            ],
            [Ministry(40_000)],
            NoTargets with { SectorMaxShare = 0.3m }));

        Assert.Equal(["A1", "B", "C", "D"], Ids(proposal));
        var reason = Assert.Single(Out(proposal, "A2").Reasons, r => r.Code == SelectionReasonCodes.SectorCap);
        Assert.Contains("sector a over the 30% cap", reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pinned_out_project_carries_the_staff_reason_and_is_not_waitlisted()
    {
        var proposal = SelectionSolver.Solve(Request([Candidate("A", 99, 10_000), Candidate("B", 70, 10_000)], [Ministry(100_000)],
            pins: [new("A", SelectionPin.Out, "duplicate of MZ-42 funded last year")]));

        Assert.Equal(["B"], Ids(proposal));
        var a = Out(proposal, "A");
        Assert.False(a.Waitlisted);
        Assert.Equal(new SelectionReason(SelectionReasonCodes.PinnedOut, "Pinned out by staff: duplicate of MZ-42 funded last year"), Assert.Single(a.Reasons));
        Assert.Equal("duplicate of MZ-42 funded last year", Assert.Single(proposal.Pins).Reason);
    }

    [Fact]
    public void A_pinned_in_project_is_selected_even_when_better_ones_lose_their_place()
    {
        var proposal = SelectionSolver.Solve(Request([Candidate("A", 99, 50_000), Candidate("B", 90, 50_000), Candidate("P", 61, 50_000)], [Ministry(100_000)],
            pins: [new("P", SelectionPin.In, "committee recommendation")]));

        Assert.Equal(["A", "P"], Ids(proposal));
        Assert.Equal("pinned-in", proposal.Selected.Single(s => s.ApplicationId == "P").Basis);
        Assert.Contains(Out(proposal, "B").Reasons, r => r.Code == SelectionReasonCodes.PinnedIn && r.Text.Contains("P was pinned in", StringComparison.Ordinal));
    }

    [Fact]
    public void A_confirmed_award_stays_with_its_funder_when_the_waitlist_moves()
    {
        var coopFunders = new[] { new SelectionFunder("ministry", 100_000 * Mad, ["cooperative"], []), Council("MA-01", 100_000) };
        var proposal = SelectionSolver.Solve(Request(
            [Candidate("KEPT", 65, 60_000, type: "cooperative"), Candidate("X", 90, 60_000, type: "cooperative"), Candidate("Y", 85, 60_000, type: "cooperative")],
            coopFunders,
            awards: [new("KEPT", "council-MA-01")]));

        Assert.Equal(["KEPT", "X"], Ids(proposal));
        Assert.Equal(new SelectedApplication("KEPT", "council-MA-01", 60_000 * Mad, 65, "fixed-award"), proposal.Selected.Single(s => s.ApplicationId == "KEPT"));
        Assert.Equal("ministry", proposal.Selected.Single(s => s.ApplicationId == "X").FunderId);
        Assert.Contains(Out(proposal, "Y").Reasons, r => r.Code == SelectionReasonCodes.FixedAward);
    }

    [Fact]
    public void Pinned_in_projects_beyond_an_envelope_make_the_request_infeasible_not_an_exception()
    {
        var proposal = SelectionSolver.Solve(Request([Candidate("A", 90, 60_000), Candidate("B", 80, 60_000)], [Ministry(100_000)],
            pins: [new("A", SelectionPin.In, "x"), new("B", SelectionPin.In, "y")]));

        Assert.Equal(SelectionStatus.Infeasible, proposal.Solver.Status);
        Assert.False(proposal.HasPortfolio);
        var problem = Assert.Single(proposal.Problems);
        Assert.Equal(SelectionReasonCodes.EnvelopeExceeded, problem.Code);
        Assert.Contains("120,000.00 MAD", problem.Text, StringComparison.Ordinal);
        Assert.Empty(proposal.Selected);
    }

    [Fact]
    public void Pins_that_no_sharing_of_two_envelopes_can_pay_are_reported_infeasible_by_the_solver()
    {
        var twoFunders = new[] { new SelectionFunder("m1", 100_000 * Mad, ["association"], []), new SelectionFunder("m2", 100_000 * Mad, ["association"], []) };
        var proposal = SelectionSolver.Solve(Request([Candidate("A", 90, 60_000), Candidate("B", 80, 60_000), Candidate("C", 70, 60_000)], twoFunders,
            pins: [new("A", SelectionPin.In, "x"), new("B", SelectionPin.In, "y"), new("C", SelectionPin.In, "z")]));

        Assert.Equal(SelectionStatus.Infeasible, proposal.Solver.Status);
        Assert.Equal(SelectionReasonCodes.PinsInfeasible, Assert.Single(proposal.Problems).Code);
    }

    [Fact]
    public void A_pin_naming_no_candidate_makes_the_request_invalid()
    {
        var proposal = SelectionSolver.Solve(Request([Candidate("A", 90, 60_000)], [Ministry(100_000)], pins: [new("NOPE", SelectionPin.In, "x")]));

        Assert.Equal(SelectionStatus.Invalid, proposal.Solver.Status);
        Assert.Equal(SelectionReasonCodes.UnknownApplication, Assert.Single(proposal.Problems).Code);
    }

    [Fact]
    public void The_waitlist_ranks_each_funders_left_out_projects_by_score_then_id()
    {
        var proposal = SelectionSolver.Solve(Request(
            [
                Candidate("A", 90, 50_000), Candidate("C", 80, 50_000), Candidate("B", 80, 50_000), Candidate("D", 75, 50_000),
                Candidate("K2", 88, 50_000, type: "cooperative"), Candidate("K1", 88, 50_000, type: "cooperative"), Candidate("K3", 95, 50_000, type: "cooperative"),
            ],
            [Ministry(50_000), Council("MA-01", 50_000)]));

        Assert.Equal(["A", "K3"], Ids(proposal));
        Assert.Equal(
            [("ministry", "B", 1), ("ministry", "C", 2), ("ministry", "D", 3), ("council-MA-01", "K1", 1), ("council-MA-01", "K2", 2)],
            proposal.Waitlist.Select(w => (w.FunderId, w.ApplicationId, w.Rank)));
        Assert.All(proposal.NotSelected, n => Assert.True(n.Waitlisted));
    }

    [Fact]
    public void The_same_edition_listed_in_another_order_gives_the_same_proposal()
    {
        var request = SelectionSolverExhaustiveTests.RandomEdition(77) with { };
        var bigger = SelectionBenchEditions(seed: 5, size: 120);
        foreach (var r in new[] { request, bigger })
        {
            var shuffled = r with { Candidates = r.Candidates.Reverse().ToList() };
            Assert.Equal(Portfolio(SelectionSolver.Solve(r)), Portfolio(SelectionSolver.Solve(shuffled)));
            Assert.Equal(Portfolio(SelectionSolver.Solve(r)), Portfolio(SelectionSolver.Solve(r)));
        }
    }

    [Fact]
    public void A_proposal_round_trips_through_System_Text_Json()
    {
        var proposal = SelectionSolver.Solve(Request(
            [Candidate("A", 90, 40_000), Candidate("B", 85, 40_000), Candidate("W", 70, 40_000, womenLed: true)],
            [Ministry(80_000)],
            NoTargets with { WomenLedMin = 0.5m },
            pins: [new("B", SelectionPin.Out, "late documents")]));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(proposal, options);
        var back = JsonSerializer.Deserialize<SelectionProposal>(json, options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Contains("\"selected\":[{\"applicationId\":\"A\",\"funderId\":\"ministry\",\"amountCentimes\":4000000,\"score\":90", json, StringComparison.Ordinal);
        var request = JsonSerializer.Deserialize<SelectionRequest>(JsonSerializer.Serialize(Request([Candidate("A", 90, 1)], [Ministry(1)]), options), options)!;
        Assert.Equal(SelectionStatus.Optimal, SelectionSolver.Solve(request).Solver.Status);
    }

    static string Portfolio(SelectionProposal p) => JsonSerializer.Serialize(new { p.Selected, p.Waitlist, p.NotSelected, p.Targets, p.Funders, p.Solver.Shortfall, p.Solver.Score });

    /// <summary>A larger edition shaped like the benchmark's: many ties and interchangeable projects.</summary>
    internal static SelectionRequest SelectionBenchEditions(int seed, int size)
    {
        var rng = new Random(seed);
        var sectors = new[] { "agriculture", "crafts", "education", "health", "environment", "culture", "tourism", "digital" };
        var candidates = Enumerable.Range(0, size).Select(k =>
        {
            var cooperative = rng.Next(100) < 25;
            return new SelectionCandidate($"MZ-{k:D5}", cooperative ? "cooperative" : "association", Twelve[rng.Next(12)], sectors[rng.Next(sectors.Length)],
                rng.Next(100) < 55, rng.Next(100) < 45, rng.Next(40, 99) * 500 * Mad, Math.Round(55 + (rng.Next(0, 41) * 1m), 2));
        }).ToList();
        return new SelectionRequest(candidates, [Ministry(size * 12_000), Council("MA-01", size * 600), Council("MA-02", size * 600)],
            new SelectionTargets(0.64m, 0.47m, 1, 0.3m, 60), Twelve, TimeLimitSeconds: 10);
    }
}
