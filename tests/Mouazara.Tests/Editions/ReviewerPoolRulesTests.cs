using System.Runtime.CompilerServices;
using System.Text.Json;
using Mouazara.Editions;
using Mouazara.Kernel;
using Mouazara.Testing;

namespace Mouazara.Tests.Editions;

/// <summary>An edition's reviewer pool and panel settings are checked like the rest of the edition: a reason per field.</summary>
public sealed class ReviewerPoolRulesTests
{
    static Edition Demo([CallerFilePath] string thisFile = "") =>
        JsonSerializer.Deserialize<Edition>(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "editions", "demo.json")), Json.Options)!;

    static Edition WithPool(Func<CommitteeConfig, CommitteeConfig> change)
    {
        var edition = Demo();
        return edition with { Committee = change(edition.Committee) };
    }

    [Fact]
    public void The_demo_pool_seats_panels_of_three_from_four_categories_in_both_languages()
    {
        var committee = Demo().Committee;

        Assert.Empty(EditionRules.Validate(Demo()));
        Assert.InRange(committee.Members.Count, 8, 10);
        Assert.Equal(3, committee.ReviewersPerApplication);
        Assert.Equal(ReviewerCategories.All.Keys.Order(StringComparer.Ordinal), committee.Members.Select(m => m.Category!).Distinct().Order(StringComparer.Ordinal));
        Assert.True(committee.Members.Count(m => m.Reads("ar")) >= 3 && committee.Members.Count(m => m.Reads("fr")) >= 3);
    }

    [Fact]
    public void An_edition_without_a_pool_stays_valid_and_every_member_reviews()
    {
        var edition = JsonSerializer.Deserialize<Edition>(TestEditions.Fast("edition-2026"), Json.Options)!;

        Assert.Empty(EditionRules.Validate(edition));
        Assert.Null(edition.Committee.ReviewersPerApplication);
        Assert.True(edition.Committee.Members[0].Reads(edition.Committee.Members[0].Language));
    }

    [Fact]
    public void Unknown_categories_languages_sectors_and_regions_are_refused_by_field()
    {
        var errors = EditionRules.Validate(WithPool(c => c with
        {
            Members = [.. c.Members.Select((m, i) => i == 0 ? m with { Category = "parliament", Languages = ["ar", "en"], Sectors = ["mining"], Region = "MA-13", Id = "a~b" } : m)],
        }));

        Assert.Equal(["committee.members[0].category", "committee.members[0].id", "committee.members[0].languages", "committee.members[0].region", "committee.members[0].sectors"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_panel_larger_than_its_readers_or_more_categories_than_seats_are_refused()
    {
        var tooMany = EditionRules.Validate(WithPool(c => c with { ReviewersPerApplication = 8 }));
        Assert.Contains("The pool has fewer than 8 members who read 'ar'.", tooMany["committee.reviewersPerApplication"]);

        var categories = EditionRules.Validate(WithPool(c => c with { ReviewersPerApplication = 2, MinCategories = 3 }));
        Assert.Equal(["committee.minCategories"], categories.Keys);

        var withoutPanel = EditionRules.Validate(WithPool(c => c with { ReviewersPerApplication = null, MinCategories = 2 }));
        Assert.Equal(["Categories per panel need reviewersPerApplication."], withoutPanel["committee.minCategories"]);
    }
}
