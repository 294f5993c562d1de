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

    static Funder Funder(string id, decimal envelope, string[] applicantTypes, params string[] regions) =>
        new() { Id = id, Name = new("ممول " + id, "Financeur " + id), Envelope = envelope, ApplicantTypes = applicantTypes, Regions = regions };

    /// <summary>The test edition (8,000,000 MAD; associations, networks and cooperatives) paid as the programme pays it.</summary>
    static Edition Funded() => Valid() with
    {
        Funders =
        [
            Funder("ministry", 6_000_000m, ["association", "network"]),
            Funder("region-oriental", 1_200_000m, ["cooperative"], "MA-02"),
        ],
        Targets = new() { WomenLedMin = 0.64m, RuralMin = 0.47m, PerRegionMin = 1, SectorMaxShare = 0.30m, ScoreMin = 60 },
    };

    static Edition WithFunder(int index, Func<Funder, Funder> change)
    {
        var edition = Funded();
        return edition with { Funders = edition.Funders.Select((f, i) => i == index ? change(f) : f).ToList() };
    }

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

    static Edition WithGuidance(Bilingual? guidance)
    {
        var edition = Valid();
        var criteria = edition.Committee.Criteria.Select((c, i) => i == 1 ? c with { Guidance = guidance } : c).ToList();
        return edition with { Committee = edition.Committee with { Criteria = criteria } };
    }

    [Fact]
    public void A_criterion_s_guidance_is_optional_but_given_in_both_languages_within_500_characters()
    {
        Assert.Empty(EditionRules.Validate(WithGuidance(null)));
        Assert.Empty(EditionRules.Validate(WithGuidance(new("ما الذي يبحث عنه المقيم؟", "Ce que l'évaluateur regarde."))));
        Assert.Empty(EditionRules.Validate(WithGuidance(new(new string('م', 500), new string('x', 500)))));

        Assert.Equal(["committee.criteria[1].guidance.fr"], EditionRules.Validate(WithGuidance(new("ما الذي يبحث عنه المقيم؟", new string('x', 501)))).Keys);
        Assert.Equal(["committee.criteria[1].guidance.ar"], EditionRules.Validate(WithGuidance(new(" ", "Ce que l'évaluateur regarde."))).Keys);
    }

    [Fact]
    public void Every_criterion_of_the_demo_edition_has_guidance_in_Arabic_and_French()
    {
        var edition = JsonSerializer.Deserialize<Edition>(File.ReadAllBytes(RepositoryFile("editions/demo.json")), Json.Options)!;

        Assert.All(edition.Committee.Criteria, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Guidance?.Ar));
            Assert.False(string.IsNullOrWhiteSpace(c.Guidance?.Fr));
        });
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

    [Fact]
    public void The_demo_edition_is_paid_by_the_ministry_nationally_and_three_regional_councils_for_their_own_cooperatives()
    {
        var edition = JsonSerializer.Deserialize<Edition>(File.ReadAllBytes(RepositoryFile("editions/demo.json")), Json.Options)!;

        var ministry = edition.Funders[0];
        Assert.Equal(["association", "network"], ministry.ApplicantTypes);
        Assert.Empty(ministry.Regions);
        var councils = edition.Funders.Skip(1).ToList();
        Assert.Equal(["MA-01", "MA-02", "MA-03"], councils.SelectMany(c => c.Regions).Order(StringComparer.Ordinal));
        Assert.All(councils, c =>
        {
            Assert.Equal(["cooperative"], c.ApplicantTypes);
            Assert.StartsWith("Conseil de la Région", c.Name.Fr, StringComparison.Ordinal);
            Assert.StartsWith("مجلس جهة", c.Name.Ar, StringComparison.Ordinal);
        });
        Assert.True(edition.Funders.Sum(f => f.Envelope) <= edition.Envelope);
        Assert.Equal(new EditionTargets { WomenLedMin = 0.64m, RuralMin = 0.47m, PerRegionMin = 1, SectorMaxShare = 0.30m, ScoreMin = 60 }, edition.Targets);
    }

    [Fact]
    public void Funders_and_targets_read_from_the_JSON_staff_tools_send()
    {
        const string json = """
            {
              "funders": [
                { "id": "ministry", "name": { "ar": "الوزارة", "fr": "Le ministère" }, "envelope": 6000000, "applicantTypes": ["association", "network"], "regions": [] },
                { "id": "region-oriental", "name": { "ar": "مجلس جهة الشرق", "fr": "Conseil de la Région de l'Oriental" }, "envelope": 1200000, "applicantTypes": ["cooperative"], "regions": ["MA-02"] }
              ],
              "targets": { "womenLedMin": 0.64, "ruralMin": 0.47, "perRegionMin": 1, "sectorMaxShare": 0.30, "scoreMin": 60 }
            }
            """;
        var sent = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var body = TestEditions.Fast("edition-2026");
        body["funders"] = sent["funders"]!.DeepClone();
        body["targets"] = sent["targets"]!.DeepClone();

        var edition = body.Deserialize<Edition>(Json.Options)!;

        Assert.Empty(EditionRules.Validate(edition));
        Assert.Equal(["ministry", "region-oriental"], edition.Funders.Select(f => f.Id));
        Assert.Equal(1_200_000m, edition.Funders[1].Envelope);
        Assert.Equal("Conseil de la Région de l'Oriental", edition.Funders[1].Name.Fr);
        Assert.True(edition.Funders[1].Funds("cooperative", "MA-02"));
        Assert.False(edition.Funders[1].Funds("cooperative", "MA-09"));
        Assert.True(edition.Funders[0].Funds("network", "MA-09"));
        Assert.Equal(0.30m, edition.Targets.SectorMaxShare);
    }

    [Fact]
    public void An_edition_with_funders_and_targets_has_no_errors_and_one_without_them_still_has_none()
    {
        Assert.Empty(EditionRules.Validate(Funded()));
        Assert.Empty(Valid().Funders);
        Assert.Empty(EditionRules.Validate(Valid()));
    }

    [Theory]
    [InlineData("Region-Oriental")]
    [InlineData("r")]
    [InlineData("conseil_oriental")]
    [InlineData("")]
    public void A_funder_id_that_is_not_2_to_40_lowercase_letters_digits_or_dashes_is_refused_at_that_funder(string id)
    {
        var errors = EditionRules.Validate(WithFunder(1, f => f with { Id = id }));

        Assert.Equal(["funders[1].id"], errors.Keys);
        Assert.Equal("Use 2 to 40 lowercase letters, digits or dashes.", Assert.Single(errors["funders[1].id"]));
    }

    [Fact]
    public void A_second_funder_with_the_same_id_is_refused_at_the_second()
    {
        var errors = EditionRules.Validate(WithFunder(1, f => f with { Id = "ministry" }));

        Assert.Equal(["funders[1].id"], errors.Keys);
        Assert.Equal("Another funder already has the id 'ministry'.", Assert.Single(errors["funders[1].id"]));
    }

    [Fact]
    public void A_funder_needs_its_name_in_Arabic_and_in_French()
    {
        var noFrench = EditionRules.Validate(WithFunder(0, f => f with { Name = new("الوزارة", " ") }));
        var noArabic = EditionRules.Validate(WithFunder(1, f => f with { Name = new("", "Conseil de la Région de l'Oriental") }));
        var neither = EditionRules.Validate(WithFunder(1, f => f with { Name = new(null!, null!) }));

        Assert.Equal(["funders[0].name.fr"], noFrench.Keys);
        Assert.Equal("The funder's name in French is required.", Assert.Single(noFrench["funders[0].name.fr"]));
        Assert.Equal(["funders[1].name.ar"], noArabic.Keys);
        Assert.Equal("The funder's name in Arabic is required.", Assert.Single(noArabic["funders[1].name.ar"]));
        Assert.Equal(["funders[1].name.ar", "funders[1].name.fr"], neither.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-500000")]
    [InlineData("1200000.005")]
    [InlineData("1e27")]
    public void A_funder_envelope_that_is_not_a_positive_amount_in_centimes_is_refused_at_that_funder(string envelope)
    {
        var errors = EditionRules.Validate(WithFunder(1, f => f with { Envelope = decimal.Parse(envelope, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Equal(["funders[1].envelope"], errors.Keys);
        Assert.Equal("The envelope is a positive MAD amount with at most two decimals.", Assert.Single(errors["funders[1].envelope"]));
    }

    [Fact]
    public void A_funder_envelope_in_centimes_is_fine()
    {
        Assert.Empty(EditionRules.Validate(WithFunder(1, f => f with { Envelope = 1_199_999.99m })));
    }

    [Fact]
    public void A_funder_of_unknown_applicant_types_or_regions_is_refused_naming_each()
    {
        var errors = EditionRules.Validate(WithFunder(1, f => f with { ApplicantTypes = ["cooperative", "company"], Regions = ["MA-02", "MA-13", "oriental"] }));

        Assert.Equal("Unknown applicant type 'company'.", Assert.Single(errors["funders[1].applicantTypes"]));
        Assert.Equal(["Unknown region 'MA-13'.", "Unknown region 'oriental'."], errors["funders[1].regions"]);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_funder_of_no_applicant_type_is_refused()
    {
        var edition = Funded();
        edition = edition with { Funders = [.. edition.Funders, Funder("idle", 10_000m, [])] };

        Assert.Equal("A funder funds at least one applicant type.", Assert.Single(EditionRules.Validate(edition)["funders[2].applicantTypes"]));
    }

    [Fact]
    public void A_funder_of_an_applicant_type_or_region_outside_the_edition_is_refused()
    {
        var edition = Funded() with { ApplicantTypes = ["association", "network"], Regions = ["MA-07", "MA-08"] };
        edition = edition with
        {
            RequiredDocuments = edition.RequiredDocuments.Where(d => d.Key != "cooperative").ToDictionary(),
            Funders = [edition.Funders[0], Funder("region-oriental", 1_200_000m, ["association"], "MA-02")],
        };
        var council = Funder("region-marrakech-safi", 1_200_000m, ["cooperative"], "MA-07");

        var errors = EditionRules.Validate(edition);
        var typeErrors = EditionRules.Validate(edition with { Funders = [edition.Funders[0], council] });

        Assert.Equal(["funders[1].regions"], errors.Keys);
        Assert.Equal("'MA-02' is not a region of this edition.", Assert.Single(errors["funders[1].regions"]));
        Assert.Equal(["funders[1].applicantTypes"], typeErrors.Keys);
        Assert.Equal("'cooperative' is not an applicant type of this edition.", Assert.Single(typeErrors["funders[1].applicantTypes"]));
    }

    [Fact]
    public void An_applicant_type_the_edition_admits_but_no_funder_funds_is_refused_since_its_applicants_could_never_be_paid()
    {
        var edition = Funded();

        var errors = EditionRules.Validate(edition with { Funders = [edition.Funders[1]] });

        Assert.Equal(["funders"], errors.Keys);
        Assert.Equal(
            [
                "No funder funds the applicant type 'association' that the edition admits: its applicants could never be paid.",
                "No funder funds the applicant type 'network' that the edition admits: its applicants could never be paid.",
            ],
            errors["funders"]);
    }

    [Fact]
    public void Funders_whose_envelopes_add_up_to_more_than_the_edition_envelope_are_refused_but_exactly_the_envelope_is_fine()
    {
        var above = WithFunder(1, f => f with { Envelope = 2_000_000.01m });
        var exactly = WithFunder(1, f => f with { Envelope = 2_000_000m });

        var errors = EditionRules.Validate(above);

        Assert.Equal(["funders"], errors.Keys);
        Assert.Equal("The funders' envelopes add up to 8,000,000.01 MAD, more than the edition's envelope of 8,000,000.00 MAD.", Assert.Single(errors["funders"]));
        Assert.Empty(EditionRules.Validate(exactly));
    }

    [Fact]
    public void A_null_funder_or_a_null_in_a_funders_lists_is_refused_like_any_null_item()
    {
        var edition = Funded();
        Edition[] broken =
        [
            edition with { Funders = [edition.Funders[0], null!] },
            WithFunder(1, f => f with { ApplicantTypes = ["cooperative", null!] }),
            WithFunder(1, f => f with { Regions = [null!] }),
        ];

        foreach (var bad in broken)
        {
            var errors = EditionRules.Validate(bad);
            Assert.Equal(["edition"], errors.Keys);
            Assert.Equal("Lists and maps may not hold null.", Assert.Single(errors["edition"]));
        }
    }

    [Theory]
    [InlineData("womenLedMin", -0.01)]
    [InlineData("womenLedMin", 1.01)]
    [InlineData("ruralMin", -0.5)]
    [InlineData("ruralMin", 47)]
    [InlineData("sectorMaxShare", -0.01)]
    [InlineData("sectorMaxShare", 30)]
    public void A_target_share_outside_0_to_1_is_refused_at_that_target(string target, double share)
    {
        var value = (decimal)share;
        var targets = Funded().Targets;
        targets = target switch
        {
            "womenLedMin" => targets with { WomenLedMin = value },
            "ruralMin" => targets with { RuralMin = value },
            _ => targets with { SectorMaxShare = value },
        };

        var errors = EditionRules.Validate(Funded() with { Targets = targets });

        Assert.Equal(["targets." + target], errors.Keys);
        Assert.Equal("A share between 0 and 1 (0.64 for 64 %).", Assert.Single(errors["targets." + target]));
    }

    [Fact]
    public void Target_shares_of_0_and_1_are_fine()
    {
        Assert.Empty(EditionRules.Validate(Funded() with { Targets = new() { WomenLedMin = 1, RuralMin = 0, SectorMaxShare = 1 } }));
        Assert.Empty(EditionRules.Validate(Funded() with { Targets = new() { WomenLedMin = 0, RuralMin = 1, SectorMaxShare = 0 } }));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void The_per_region_minimum_is_0_to_20_projects(int perRegionMin, bool valid)
    {
        var errors = EditionRules.Validate(Funded() with { Targets = Funded().Targets with { PerRegionMin = perRegionMin } });

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal(["targets.perRegionMin"], errors.Keys);
            Assert.Equal("A number of projects per region between 0 and 20.", Assert.Single(errors["targets.perRegionMin"]));
        }
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(100.5, false)]
    public void The_minimum_score_is_out_of_100(double scoreMin, bool valid)
    {
        var errors = EditionRules.Validate(Funded() with { Targets = Funded().Targets with { ScoreMin = (decimal)scoreMin } });

        Assert.Equal(valid ? [] : new[] { "targets.scoreMin" }, errors.Keys);
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
