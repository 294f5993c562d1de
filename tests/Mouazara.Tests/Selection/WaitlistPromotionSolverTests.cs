using Mouazara.Selection;

namespace Mouazara.Tests.Selection;

/// <summary>
/// The waitlist's re-solve (<see cref="WaitlistPromotion"/>): every confirmed award still standing stays fixed, the money
/// a dropped-out award already paid stays spent, and the waitlisted applications that fit best are promoted — checked
/// against the exhaustive search on small editions.
/// </summary>
public sealed class WaitlistPromotionSolverTests
{
    static readonly string[] Regions = ["MA-01", "MA-02", "MA-03", "MA-04"];

    [Fact]
    public void Re_solving_with_every_confirmed_award_fixed_reaches_the_exhaustive_optimum()
    {
        var (cases, promotedSome, withPin, withSpent) = (0, 0, 0, 0);
        foreach (var seed in Enumerable.Range(1, 300))
        {
            var original = SelectionSolverExhaustiveTests.RandomEdition(seed) with { Pins = [], FixedAwards = [] };
            var first = SelectionSolver.Solve(original);
            if (!first.HasPortfolio || first.Selected.Count < 2 || first.Waitlist.Count == 0)
            {
                continue;
            }

            var rng = new Random(seed);
            var byId = original.Candidates.ToDictionary(c => c.ApplicationId, StringComparer.Ordinal);
            var dropped = first.Selected[rng.Next(first.Selected.Count)];
            var standing = first.Selected.Where(s => s.ApplicationId != dropped.ApplicationId).ToList();
            var waiting = first.Waitlist.Select(w => w.ApplicationId).Distinct().Select(id => byId[id]).ToList();
            var spent = new Dictionary<string, long>(StringComparer.Ordinal);
            if (rng.Next(2) == 0)
            {
                spent[dropped.FunderId] = dropped.AmountCentimes / 2; // a first tranche already paid stays spent
                withSpent++;
            }

            // A pin on a waitlisted application applies; one on an application already settled is ignored.
            List<SelectionPin> pins = [new(dropped.ApplicationId, SelectionPin.Out, "withdrawn")];
            if (rng.Next(3) == 0)
            {
                pins.Add(new(waiting[rng.Next(waiting.Count)].ApplicationId, rng.Next(2) == 0 ? SelectionPin.In : SelectionPin.Out, "staff choice"));
                withPin++;
            }

            var request = WaitlistPromotion.Request(
                [.. standing.Select(s => byId[s.ApplicationId])], [.. standing.Select(s => new SelectionFixedAward(s.ApplicationId, s.FunderId))],
                waiting, original.Funders, spent, original.Targets, original.Regions, pins, 10);
            Assert.DoesNotContain(request.Candidates, c => c.ApplicationId == dropped.ApplicationId);
            Assert.DoesNotContain(request.Pins!, p => p.ApplicationId == dropped.ApplicationId);

            var best = SelectionSolverExhaustiveTests.Exhaustive(request);
            var proposal = SelectionSolver.Solve(request);
            if (best is null)
            {
                // Only a pin in can make the re-solve infeasible: the standing awards fitted before and still do.
                Assert.Contains(request.Pins!, p => p.Pin == SelectionPin.In);
                Assert.Equal(SelectionStatus.Infeasible, proposal.Solver.Status);
                continue;
            }

            Assert.True(proposal.Solver.Status == SelectionStatus.Optimal, $"seed {seed}: {proposal.Solver.Status}");
            var assignment = request.Candidates.Select(c => proposal.Selected.FirstOrDefault(s => s.ApplicationId == c.ApplicationId)?.FunderId).ToArray();
            Assert.True(SelectionSolverExhaustiveTests.Allowed(request, assignment), $"seed {seed}: an envelope, an award or a pin broken");
            Assert.Equal(best.Value, SelectionSolverExhaustiveTests.Evaluate(request, assignment));
            foreach (var award in standing)
            {
                Assert.Contains(proposal.Selected, s => s.ApplicationId == award.ApplicationId && s.FunderId == award.FunderId && s.Basis == WaitlistPromotion.FixedAward);
            }

            var promoted = WaitlistPromotion.Promoted(proposal);
            Assert.All(promoted, p => Assert.Contains(waiting, w => w.ApplicationId == p.ApplicationId));
            Assert.Equal(proposal.Selected.Count, standing.Count + promoted.Count);
            promotedSome += promoted.Count > 0 ? 1 : 0;
            cases++;
        }

        Assert.True(cases > 40, $"only {cases} editions re-solved");
        Assert.True(promotedSome > 20, $"only {promotedSome} re-solves promoted anyone");
        Assert.True(withPin > 10 && withSpent > 20, $"{withPin} with a pin, {withSpent} with money already spent");
    }

    [Fact]
    public void Returned_money_goes_to_the_waitlisted_applications_that_fit_best_not_simply_the_first_in_rank()
    {
        SelectionCandidate App(string id, decimal score, long dirhams) => new(id, "association", "MA-01", "agriculture", true, true, dirhams * 100, score);
        var funders = new[] { new SelectionFunder("ministry", 150_000_00, ["association"], []) };
        var targets = new SelectionTargets(0, 0, 0, 1, 60);

        // A (50,000) was withdrawn; B stays; 50,000 MAD is free. Rank order would take C alone (80 points); C does
        // not fit beside anyone else, while D and E together fit exactly and are worth 157.
        var b = App("MZ-B", 90, 100_000);
        var waitlisted = new[] { App("MZ-C", 80, 40_000), App("MZ-D", 79, 25_000), App("MZ-E", 78, 25_000), App("MZ-F", 50, 1_000) };
        var request = WaitlistPromotion.Request([b], [new("MZ-B", "ministry")], waitlisted, funders, new Dictionary<string, long>(), targets, Regions, [], 10);

        var proposal = SelectionSolver.Solve(request);

        Assert.Equal(SelectionStatus.Optimal, proposal.Solver.Status);
        Assert.Equal(["MZ-D", "MZ-E"], WaitlistPromotion.Promoted(proposal).Select(p => p.ApplicationId).Order(StringComparer.Ordinal));
        Assert.Equal(0, proposal.Funders.Single().RemainingCentimes);
        Assert.Equal(["MZ-C"], proposal.Waitlist.Select(w => w.ApplicationId)); // F is below the minimum score

        // Had A already been paid 20,000 MAD, only 30,000 would be free: D alone (or E) fits, and D ranks first.
        var paid = WaitlistPromotion.Request([b], [new("MZ-B", "ministry")], waitlisted, funders, new Dictionary<string, long> { ["ministry"] = 20_000_00 },
            targets, Regions, [], 10);
        Assert.Equal(["MZ-D"], WaitlistPromotion.Promoted(SelectionSolver.Solve(paid)).Select(p => p.ApplicationId));
    }
}
