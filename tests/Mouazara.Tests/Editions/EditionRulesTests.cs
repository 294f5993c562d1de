using System.Runtime.CompilerServices;
using System.Text.Json;
using Mouazara.Editions;
using Mouazara.Kernel;
using Mouazara.Testing;

namespace Mouazara.Tests.Editions;

/// <summary>What makes an edition usable before staff save it.</summary>
public sealed class EditionRulesTests
{
    static Edition Valid() => JsonSerializer.Deserialize<Edition>(TestEditions.Fast("edition-2026"), Json.Options)!;

    static CommitteeMember Member(string id, string language = "fr") =>
        new() { Id = id, Name = "Membre " + id, Email = id + "@example.org", Language = language, Organisation = "Test" };

    static string RepositoryFile(string relative, [CallerFilePath] string thisFile = "")
    {
        for (var directory = new FileInfo(thisFile).Directory; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }

    [Fact]
    public void The_shipped_demo_edition_is_valid_and_open_to_all_regions_with_a_49000_MAD_cap()
    {
        var edition = JsonSerializer.Deserialize<Edition>(File.ReadAllBytes(RepositoryFile("editions/demo.json")), Json.Options)!;

        Assert.Empty(EditionRules.Validate(edition));
        Assert.Equal("demo", edition.Id);
        Assert.Equal(49_000m, edition.Cap);
        Assert.Empty(edition.Regions);
        Assert.Equal(TimeSpan.FromDays(14), edition.Documents.Deadline);
        Assert.Equal(100m, edition.Tranches.Sum(t => t.Percent));
    }

    [Fact]
    public void A_well_formed_edition_has_no_errors()
    {
        Assert.Empty(EditionRules.Validate(Valid()));
    }

    [Theory]
    [InlineData("Demo")]
    [InlineData("d")]
    [InlineData("-demo")]
    [InlineData("demo_2026")]
    [InlineData("an-edition-id-that-is-far-too-long-to-be-kept")]
    public void An_id_that_is_not_2_to_40_lowercase_letters_digits_or_dashes_is_refused(string id)
    {
        var errors = EditionRules.Validate(Valid() with { Id = id });

        Assert.Equal(["id"], errors.Keys);
        Assert.Equal("Use 2 to 40 lowercase letters, digits or dashes.", Assert.Single(errors["id"]));
    }

    [Fact]
    public void A_call_that_closes_before_it_opens_is_refused_but_one_day_calls_are_fine()
    {
        var edition = Valid();

        Assert.Equal(["closesOn"], EditionRules.Validate(edition with { ClosesOn = edition.OpensOn.AddDays(-1) }).Keys);
        Assert.Empty(EditionRules.Validate(edition with { ClosesOn = edition.OpensOn }));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("49000.001")]
    public void A_cap_that_is_not_a_positive_amount_in_centimes_is_refused(string cap)
    {
        var errors = EditionRules.Validate(Valid() with { Cap = decimal.Parse(cap, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("cap", errors.Keys);
        Assert.Equal("The cap is a positive MAD amount with at most two decimals.", Assert.Single(errors["cap"]));
    }

    [Fact]
    public void An_envelope_smaller_than_the_cap_or_finer_than_centimes_is_refused()
    {
        Assert.Equal(["envelope"], EditionRules.Validate(Valid() with { Envelope = 48_999.99m }).Keys);
        Assert.Equal(["envelope"], EditionRules.Validate(Valid() with { Envelope = 8_000_000.005m }).Keys);
        Assert.Empty(EditionRules.Validate(Valid() with { Envelope = 49_000m }));
    }

    [Fact]
    public void An_absurdly_large_cap_is_reported_not_thrown()
    {
        var errors = EditionRules.Validate(Valid() with { Cap = 1e27m, Envelope = 1e27m });

        Assert.Contains("cap", errors.Keys);
    }

    [Fact]
    public void Unknown_applicant_types_regions_and_sectors_are_each_named()
    {
        var edition = Valid() with
        {
            ApplicantTypes = ["association", "company"],
            Regions = ["MA-07", "MA-13"],
            Sectors = ["handicrafts", "mining"],
            RequiredDocuments = new Dictionary<string, IReadOnlyList<string>> { ["association"] = ["statutes"] },
        };

        var errors = EditionRules.Validate(edition);

        Assert.Equal("Unknown applicant type 'company'.", Assert.Single(errors["applicantTypes"]));
        Assert.Equal("Unknown region 'MA-13'.", Assert.Single(errors["regions"]));
        Assert.Equal("Unknown sector 'mining'.", Assert.Single(errors["sectors"]));
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Required_documents_for_a_type_outside_the_edition_or_of_an_unknown_kind_are_refused()
    {
        var edition = Valid() with
        {
            ApplicantTypes = ["cooperative"],
            RequiredDocuments = new Dictionary<string, IReadOnlyList<string>>
            {
                ["cooperative"] = ["statutes", "passport"],
                ["association"] = ["statutes"],
            },
        };

        var errors = EditionRules.Validate(edition);

        Assert.Equal("Unknown document type 'passport'.", Assert.Single(errors["requiredDocuments.cooperative"]));
        Assert.Equal("Not an applicant type of this edition.", Assert.Single(errors["requiredDocuments.association"]));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_committee_without_members_is_refused_and_its_quorum_with_it()
    {
        var edition = Valid();
        var errors = EditionRules.Validate(edition with { Committee = edition.Committee with { Members = [] } });

        Assert.Equal("A committee needs members.", Assert.Single(errors["committee.members"]));
        Assert.Contains("committee.quorum", errors.Keys);
    }

    [Fact]
    public void Committee_members_need_unique_ids_and_a_language_of_ar_or_fr()
    {
        var edition = Valid();
        var committee = edition.Committee with { Members = [Member("a", "ar"), Member("a", "fr"), Member("b", "en")], Quorum = 2 };

        var errors = EditionRules.Validate(edition with { Committee = committee });

        Assert.Equal(["Member ids must be unique.", "Member 'b' needs language ar or fr."], errors["committee.members"]);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_quorum_outside_one_to_the_number_of_members_is_refused(int quorum)
    {
        var edition = Valid();

        var errors = EditionRules.Validate(edition with { Committee = edition.Committee with { Quorum = quorum } });

        Assert.Equal("The quorum is between 1 and the number of members.", Assert.Single(errors["committee.quorum"]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.01)]
    public void A_score_threshold_outside_0_to_100_is_refused(double threshold)
    {
        var edition = Valid();

        var errors = EditionRules.Validate(edition with { Committee = edition.Committee with { ScoreThreshold = (decimal)threshold } });

        Assert.Equal(["committee.scoreThreshold"], errors.Keys);
    }

    [Fact]
    public void Criteria_must_have_positive_maxima_adding_up_to_100()
    {
        var edition = Valid();
        var criteria = edition.Committee.Criteria;

        var short99 = criteria.Select((c, i) => i == 0 ? c with { Max = c.Max - 1 } : c).ToList();
        var withZero = criteria.Append(criteria[0] with { Id = "zero", Max = 0 }).ToList();
        var withNegative = criteria.Select((c, i) => i == 0 ? c with { Max = c.Max + 10 } : c).Append(criteria[0] with { Id = "neg", Max = -10 }).ToList();

        foreach (var bad in new[] { short99, withZero, withNegative, [] })
        {
            var errors = EditionRules.Validate(edition with { Committee = edition.Committee with { Criteria = bad } });
            Assert.Equal("Criteria have positive maxima that add up to 100.", Assert.Single(errors["committee.criteria"]));
        }
    }

    [Fact]
    public void Tranche_shares_must_be_positive_and_add_up_to_100()
    {
        var edition = Valid();
        TrancheRule[][] plans = [[], [new() { Percent = 60 }, new() { Percent = 30 }], [new() { Percent = 100 }, new() { Percent = 0 }], [new() { Percent = 110 }, new() { Percent = -10 }]];

        foreach (var plan in plans)
        {
            var errors = EditionRules.Validate(edition with { Tranches = plan });
            Assert.Equal("Tranche shares are positive and add up to 100.", Assert.Single(errors["tranches"]));
        }

        Assert.Empty(EditionRules.Validate(edition with { Tranches = [new() { Percent = 33.33m }, new() { Percent = 33.33m }, new() { Percent = 33.34m }] }));
    }

    [Fact]
    public void A_tranche_that_requires_an_unknown_document_is_refused()
    {
        var edition = Valid() with { Tranches = [new() { Percent = 60 }, new() { Percent = 40, Requires = "selfie" }] };

        Assert.Equal("Unknown document type 'selfie'.", Assert.Single(EditionRules.Validate(edition)["tranches"]));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var edition = Valid();
        var broken = edition with
        {
            Id = "X",
            ClosesOn = edition.OpensOn.AddDays(-1),
            Cap = 0,
            Sectors = ["mining"],
            Committee = edition.Committee with { Quorum = 0 },
            Tranches = [new() { Percent = 50 }],
        };

        var errors = EditionRules.Validate(broken);

        Assert.Equal(["cap", "closesOn", "committee.quorum", "id", "sectors", "tranches"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
