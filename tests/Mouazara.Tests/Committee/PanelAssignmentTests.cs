using Mouazara.Committee;
using Mouazara.Editions;

namespace Mouazara.Tests.Committee;

/// <summary>Who sits on an application's panel, and why: language, conflicts, load, categories, determinism.</summary>
public sealed class PanelAssignmentTests
{
    static readonly PanelApplicant French = new("MZ-000000000001", "fr", "agriculture", "Coopérative Tifawin", "Amizmiz");

    static CommitteeMember Member(string id, string category, string[]? languages = null, string[]? sectors = null, string organisation = "Conseil",
        string? commune = null) => new()
    {
        Id = id,
        Name = "Nom " + id,
        Email = id + "@example.org",
        Language = (languages ?? ["fr"])[0],
        Languages = languages ?? ["fr"],
        Organisation = organisation,
        Category = category,
        Sectors = sectors ?? [],
        Commune = commune,
    };

    static PanelRequest Request(IEnumerable<(CommitteeMember Member, int Load)> pool, int seats = 3, int minCategories = 0, PanelApplicant? applicant = null,
        IReadOnlyList<CommitteeMember>? kept = null, IReadOnlySet<string>? excluded = null) =>
        new(applicant ?? French, [.. pool.Select(p => new PoolMember(p.Member, p.Load))], seats, minCategories, kept ?? [], excluded ?? new HashSet<string>());

    static List<string> Ids(PanelChoice choice) => [.. choice.Chosen.Select(c => c.MemberId)];

    [Fact]
    public void Only_reviewers_who_read_the_application_language_sit_and_a_short_pool_is_said()
    {
        var pool = new[]
        {
            (Member("ar-only", ReviewerCategories.Ministry, ["ar"]), 0),
            (Member("both", ReviewerCategories.CivilSociety, ["ar", "fr"]), 0),
            (Member("fr-only", ReviewerCategories.RegionalCouncil, ["fr"]), 0),
        };

        var choice = PanelAssignment.Choose(Request(pool));

        Assert.Equal(["both", "fr-only"], Ids(choice).Order(StringComparer.Ordinal));
        Assert.All(choice.Chosen, c => Assert.StartsWith("reads French", c.Reason, StringComparison.Ordinal));
        Assert.Contains(choice.Notes, n => n.StartsWith("Only 2 of 3 reviewers", StringComparison.Ordinal));

        var arabic = PanelAssignment.Choose(Request(pool, applicant: French with { Language = "ar" }));
        Assert.Equal(["ar-only", "both"], Ids(arabic).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_reviewer_from_the_applicant_organisation_or_commune_never_sits_even_when_seats_stay_empty()
    {
        var pool = new[]
        {
            (Member("same-org", ReviewerCategories.CivilSociety, organisation: "COOPERATIVE  tifawin"), 0),
            (Member("same-commune", ReviewerCategories.RegionalCouncil, commune: "amizmiz"), 0),
            (Member("accented", ReviewerCategories.Ministry, commune: "Amizmíz"), 0),
            (Member("free", ReviewerCategories.Ministry, commune: "Marrakech"), 5),
        };

        var choice = PanelAssignment.Choose(Request(pool));

        Assert.Equal(["free"], Ids(choice));
        Assert.Contains("same-org not assigned: from the applicant's own organisation.", choice.Notes);
        Assert.Contains("same-commune not assigned: from the applicant's commune.", choice.Notes);
        Assert.Contains("accented not assigned: from the applicant's commune.", choice.Notes);
    }

    [Fact]
    public void Sector_expertise_is_preferred_but_not_over_a_reviewer_far_above_the_average_load()
    {
        var pool = new[]
        {
            (Member("expert-busy", ReviewerCategories.Ministry, sectors: ["agriculture"]), 6),
            (Member("expert", ReviewerCategories.Ministry, sectors: ["agriculture"]), 2),
            (Member("a", ReviewerCategories.Ministry), 1),
            (Member("b", ReviewerCategories.Ministry), 0),
            (Member("c", ReviewerCategories.Ministry), 1),
        };

        // Average 2: the expert at 2 sits first; the busy expert at 6 (more than one above) only if no one else can.
        var choice = PanelAssignment.Choose(Request(pool));

        Assert.Equal("expert", Ids(choice)[0]);
        Assert.Equal("b", Ids(choice)[1]);
        Assert.DoesNotContain("expert-busy", Ids(choice));
        Assert.Equal("reads French; agriculture expertise; ministry; load 2 vs average 2", choice.Chosen[0].Reason);

        var everyone = PanelAssignment.Choose(Request(pool, seats: 5));
        Assert.Equal("expert-busy", Ids(everyone)[^1]);
        Assert.EndsWith("above the average: no one else could sit", everyone.Chosen[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assigning_many_applications_in_turn_keeps_every_load_within_one_of_the_others()
    {
        var pool = Enumerable.Range(0, 10).Select(i => Member("r" + i, i % 2 == 0 ? ReviewerCategories.Ministry : ReviewerCategories.CivilSociety,
            sectors: i < 2 ? ["agriculture"] : [])).ToList();
        var loads = pool.ToDictionary(m => m.Id, _ => 0);
        for (var n = 0; n < 40; n++)
        {
            var choice = PanelAssignment.Choose(Request(pool.Select(m => (m, loads[m.Id])), minCategories: 2,
                applicant: French with { ApplicationId = $"MZ-{n:D12}" }));
            Assert.Equal(3, choice.Chosen.Count);
            foreach (var id in Ids(choice))
            {
                loads[id]++;
            }
        }

        // 120 seats over 10 reviewers: 12 each, the two experts allowed one more than the average they pull up.
        Assert.Equal(120, loads.Values.Sum());
        Assert.True(loads.Values.Max() - loads.Values.Min() <= 2, string.Join(", ", loads.Select(l => $"{l.Key}={l.Value}")));
    }

    [Fact]
    public void At_least_the_wanted_number_of_categories_sit_when_the_pool_has_them_and_a_shortfall_is_said()
    {
        var pool = new[]
        {
            (Member("m1", ReviewerCategories.Ministry, sectors: ["agriculture"]), 0),
            (Member("m2", ReviewerCategories.Ministry, sectors: ["agriculture"]), 0),
            (Member("m3", ReviewerCategories.Ministry, sectors: ["agriculture"]), 0),
            (Member("chamber", ReviewerCategories.ChamberOfHandicrafts), 3),
            (Member("civil", ReviewerCategories.CivilSociety), 2),
        };

        var choice = PanelAssignment.Choose(Request(pool, minCategories: 3));

        Assert.Contains("chamber", Ids(choice));
        Assert.Contains("civil", Ids(choice));
        Assert.Contains(choice.Chosen, c => c.Reason.Contains("a category the panel lacked", StringComparison.Ordinal));
        Assert.Empty(choice.Notes);

        var ministryOnly = PanelAssignment.Choose(Request(pool.Take(3), minCategories: 2));
        Assert.Contains("Only 1 categories among the reviewers, 2 wanted: the pool allows no more for this application.", ministryOnly.Notes);
    }

    [Fact]
    public void A_replacement_keeps_the_sitting_reviewers_and_brings_the_category_the_panel_lost()
    {
        var ministry = Member("m1", ReviewerCategories.Ministry);
        var council = Member("council", ReviewerCategories.RegionalCouncil);
        var pool = new[]
        {
            (ministry, 1), (council, 1),
            (Member("recused", ReviewerCategories.CivilSociety), 1),
            (Member("m2", ReviewerCategories.Ministry, sectors: ["agriculture"]), 0),
            (Member("civil", ReviewerCategories.CivilSociety), 1),
        };

        var choice = PanelAssignment.Choose(Request(pool, minCategories: 3, kept: [ministry, council], excluded: new HashSet<string> { "recused" }));

        Assert.Equal(["civil"], Ids(choice));
    }

    [Fact]
    public void The_same_inputs_give_the_same_panel_whatever_the_pool_order_and_ties_differ_between_applications()
    {
        var pool = Enumerable.Range(0, 12).Select(i => (Member("r" + i, ReviewerCategories.Ministry), 0)).ToList();

        var first = Ids(PanelAssignment.Choose(Request(pool)));
        var reversed = Ids(PanelAssignment.Choose(Request(Enumerable.Reverse(pool))));
        var again = Ids(PanelAssignment.Choose(Request(pool)));

        Assert.Equal(first, reversed);
        Assert.Equal(first, again);
        var panels = Enumerable.Range(0, 8).Select(n => string.Join(",", Ids(PanelAssignment.Choose(Request(pool, applicant: French with { ApplicationId = $"MZ-{n:D12}" })))))
            .ToHashSet();
        Assert.True(panels.Count > 1, "equal reviewers always lose to the same colleagues");
    }
}
