using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mouazara.Applications;
using Mouazara.Intake;
using Mouazara.Kernel;
using Mouazara.Testing;

namespace Mouazara.Tests.Intake;

/// <summary>A delivery's values checked and reported against each field's path, all at once.</summary>
public sealed class SubmissionValidatorTests
{
    static GenericSubmission Valid() => new()
    {
        SubmissionId = "sub-1",
        Edition = "demo",
        Language = "ar",
        Applicant = new GenericApplicant
        {
            Type = "association",
            Name = "  Association Amal  ",
            RegistrationNumber = "ASSO-2015-001",
            FoundedOn = "2015-05-10",
            Region = "MA-07",
            Commune = "Amizmiz",
            Rural = true,
            Email = "amal@example.org",
            Phone = "+212600000001",
            Representative = new GenericRepresentative { Name = "Mina Ait", Gender = "female", Role = "Présidente" },
        },
        Project = new GenericProject
        {
            Title = "Atelier de tissage",
            Sector = "handicrafts",
            Summary = "Un atelier pour vingt artisanes.\nAvec une ligne de plus.",
            RequestedAmount = 45_000.50m,
            TotalBudget = 60_000m,
            WomenLed = true,
            YouthLed = false,
            JobsCreated = 5,
            JobsMaintained = 10,
        },
        Documents =
        [
            new GenericDocument { Type = "statutes", FileName = "statuts.pdf", ContentType = "application/pdf", ContentBase64 = "@inline:0" },
            new GenericDocument { Type = "budget", FileName = "C:\\Users\\amal\\budget\u202E.pdf", Url = "https://forms.example.org/files/1" },
        ],
    };

    static Dictionary<string, string[]> ErrorsOf(GenericSubmission body)
    {
        var (submission, errors) = SubmissionValidator.Validate(body);
        Assert.Null(submission);
        Assert.NotEmpty(errors);
        return errors;
    }

    [Fact]
    public void A_valid_delivery_gives_a_submission_with_trimmed_and_typed_values()
    {
        var (submission, errors) = SubmissionValidator.Validate(Valid());

        Assert.Empty(errors);
        Assert.NotNull(submission);
        Assert.Equal("sub-1", submission.SubmissionId);
        Assert.Equal("demo", submission.Edition);
        Assert.Equal("ar", submission.Language);
        Assert.Equal("Association Amal", submission.Applicant.Name);
        Assert.Equal(new DateOnly(2015, 5, 10), submission.Applicant.FoundedOn);
        Assert.Equal("MA-07", submission.Applicant.Region);
        Assert.True(submission.Applicant.Rural);
        Assert.Equal(new Representative("Mina Ait", "female", "Présidente"), submission.Applicant.Representative);
        Assert.Equal(45_000.50m, submission.Project.RequestedAmount);
        Assert.Equal(60_000m, submission.Project.TotalBudget);
        Assert.True(submission.Project.WomenLed);
        Assert.False(submission.Project.YouthLed);
        Assert.Equal(5, submission.Project.JobsCreated);
        Assert.Contains('\n', submission.Project.Summary);

        Assert.Equal(2, submission.Documents.Count);
        Assert.Equal(new SubmittedDocument("statutes", "statuts.pdf", "application/pdf", 0, null), submission.Documents[0]);
        Assert.Equal("budget", submission.Documents[1].Type);
        Assert.Equal("budget.pdf", submission.Documents[1].FileName);
        Assert.Null(submission.Documents[1].InlineIndex);
        Assert.Equal(new Uri("https://forms.example.org/files/1"), submission.Documents[1].Url);
    }

    [Fact]
    public void A_delivery_without_a_founding_date_or_documents_is_still_valid()
    {
        var body = Valid();
        body.Applicant!.FoundedOn = null;
        body.Documents = null;

        var (submission, errors) = SubmissionValidator.Validate(body);

        Assert.Empty(errors);
        Assert.Null(submission!.Applicant.FoundedOn);
        Assert.Empty(submission.Documents);
    }

    [Theory]
    [InlineData("region-unknown", "applicant.region")]
    [InlineData("region-lowercase", "applicant.region")]
    [InlineData("region-missing", "applicant.region")]
    [InlineData("type-unknown", "applicant.type")]
    [InlineData("type-missing", "applicant.type")]
    [InlineData("sector-unknown", "project.sector")]
    [InlineData("sector-capitalised", "project.sector")]
    [InlineData("document-type-unknown", "documents[1].type")]
    [InlineData("document-type-missing", "documents[1].type")]
    [InlineData("document-type-twice", "documents[1].type")]
    [InlineData("requested-three-decimals", "project.requestedAmount")]
    [InlineData("budget-three-decimals", "project.totalBudget")]
    [InlineData("requested-zero", "project.requestedAmount")]
    [InlineData("requested-negative", "project.requestedAmount")]
    [InlineData("requested-over-a-billion", "project.requestedAmount")]
    [InlineData("requested-missing", "project.requestedAmount")]
    [InlineData("submissionId-missing", "submissionId")]
    [InlineData("submissionId-blank", "submissionId")]
    [InlineData("submissionId-too-long", "submissionId")]
    [InlineData("edition-missing", "edition")]
    [InlineData("language-english", "language")]
    [InlineData("language-missing", "language")]
    [InlineData("name-missing", "applicant.name")]
    [InlineData("name-control-character", "applicant.name")]
    [InlineData("email-not-an-address", "applicant.email")]
    [InlineData("email-without-a-dot", "applicant.email")]
    [InlineData("email-with-display-name", "applicant.email")]
    [InlineData("email-missing", "applicant.email")]
    [InlineData("foundedOn-french-format", "applicant.foundedOn")]
    [InlineData("foundedOn-impossible-date", "applicant.foundedOn")]
    [InlineData("rural-missing", "applicant.rural")]
    [InlineData("phone-too-long", "applicant.phone")]
    [InlineData("representative-missing", "applicant.representative")]
    [InlineData("representative-name-missing", "applicant.representative.name")]
    [InlineData("womenLed-missing", "project.womenLed")]
    [InlineData("jobsCreated-negative", "project.jobsCreated")]
    [InlineData("jobsMaintained-missing", "project.jobsMaintained")]
    [InlineData("summary-too-long", "project.summary")]
    [InlineData("title-bell-character", "project.title")]
    [InlineData("document-null", "documents[0]")]
    [InlineData("document-without-content", "documents[1]")]
    [InlineData("document-http-url", "documents[1].url")]
    [InlineData("document-relative-url", "documents[1].url")]
    [InlineData("document-raw-base64", "documents[0].contentBase64")]
    [InlineData("document-bad-placeholder", "documents[0].contentBase64")]
    [InlineData("document-signed-placeholder", "documents[0].contentBase64")]
    [InlineData("applicant-missing", "applicant")]
    [InlineData("project-missing", "project")]
    public void An_invalid_value_is_reported_against_its_field_path_alone(string change, string field)
    {
        var body = Valid();
        Break(body, change);

        var errors = ErrorsOf(body);

        Assert.Equal([field], errors.Keys);
        Assert.NotEmpty(errors[field]);
        Assert.All(errors[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    static void Break(GenericSubmission body, string change)
    {
        var applicant = body.Applicant!;
        var project = body.Project!;
        var documents = body.Documents!;
        switch (change)
        {
            case "region-unknown": applicant.Region = "MA-13"; break;
            case "region-lowercase": applicant.Region = "ma-07"; break;
            case "region-missing": applicant.Region = null; break;
            case "type-unknown": applicant.Type = "company"; break;
            case "type-missing": applicant.Type = null; break;
            case "sector-unknown": project.Sector = "mining"; break;
            case "sector-capitalised": project.Sector = "Handicrafts"; break;
            case "document-type-unknown": documents[1]!.Type = "passport"; break;
            case "document-type-missing": documents[1]!.Type = null; break;
            case "document-type-twice": documents[1]!.Type = "statutes"; break;
            case "requested-three-decimals": project.RequestedAmount = 45_000.005m; break;
            case "budget-three-decimals": project.TotalBudget = 60_000.001m; break;
            case "requested-zero": project.RequestedAmount = 0m; break;
            case "requested-negative": project.RequestedAmount = -45_000m; break;
            case "requested-over-a-billion": project.RequestedAmount = 1_000_000_000.01m; break;
            case "requested-missing": project.RequestedAmount = null; break;
            case "submissionId-missing": body.SubmissionId = null; break;
            case "submissionId-blank": body.SubmissionId = "   "; break;
            case "submissionId-too-long": body.SubmissionId = new string('s', 129); break;
            case "edition-missing": body.Edition = ""; break;
            case "language-english": body.Language = "en"; break;
            case "language-missing": body.Language = null; break;
            case "name-missing": applicant.Name = null; break;
            case "name-control-character": applicant.Name = "Amal\u0000"; break;
            case "email-not-an-address": applicant.Email = "not-an-email"; break;
            case "email-without-a-dot": applicant.Email = "amal@localhost"; break;
            case "email-with-display-name": applicant.Email = "Amal <amal@example.org>"; break;
            case "email-missing": applicant.Email = null; break;
            case "foundedOn-french-format": applicant.FoundedOn = "10/05/2015"; break;
            case "foundedOn-impossible-date": applicant.FoundedOn = "2015-02-30"; break;
            case "rural-missing": applicant.Rural = null; break;
            case "phone-too-long": applicant.Phone = new string('6', 33); break;
            case "representative-missing": applicant.Representative = null; break;
            case "representative-name-missing": applicant.Representative!.Name = " "; break;
            case "womenLed-missing": project.WomenLed = null; break;
            case "jobsCreated-negative": project.JobsCreated = -1; break;
            case "jobsMaintained-missing": project.JobsMaintained = null; break;
            case "summary-too-long": project.Summary = new string('x', 4001); break;
            case "title-bell-character": project.Title = "Atelier\u0007"; break;
            case "document-null": documents[0] = null; break;
            case "document-without-content": documents[1]!.Url = null; break;
            case "document-http-url": documents[1]!.Url = "http://forms.example.org/files/1"; break;
            case "document-relative-url": documents[1]!.Url = "/files/1"; break;
            case "document-raw-base64": documents[0]!.ContentBase64 = "JVBERi0xLjQK"; break;
            case "document-bad-placeholder": documents[0]!.ContentBase64 = "@inline:"; break;
            case "document-signed-placeholder": documents[0]!.ContentBase64 = "@inline:-1"; break;
            case "applicant-missing": body.Applicant = null; break;
            case "project-missing": body.Project = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    [Fact]
    public void Amounts_are_refused_with_a_message_about_two_decimals()
    {
        var body = Valid();
        body.Project!.RequestedAmount = 100.005m;

        Assert.Equal("A positive amount in MAD with at most two decimals.", Assert.Single(ErrorsOf(body)["project.requestedAmount"]));
    }

    [Fact]
    public void An_amount_with_trailing_zero_decimals_is_exact_and_accepted()
    {
        var body = Valid();
        body.Project!.RequestedAmount = 45_000.5000m;

        Assert.NotNull(SubmissionValidator.Validate(body).Submission);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_answer()
    {
        var body = Valid();
        body.Language = "en";
        body.Applicant!.Region = "MA-99";
        body.Applicant.Type = "company";
        body.Project!.Sector = "mining";
        body.Project.TotalBudget = 1.001m;
        body.Documents![1]!.Type = "passport";

        var errors = ErrorsOf(body);

        Assert.Equal(["applicant.region", "applicant.type", "documents[1].type", "language", "project.sector", "project.totalBudget"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_sector_error_lists_the_sectors_to_choose_from()
    {
        var body = Valid();
        body.Project!.Sector = "mining";

        var message = Assert.Single(ErrorsOf(body)["project.sector"]);

        Assert.All(global::Mouazara.Kernel.Sectors.All.Keys, sector => Assert.Contains(sector, message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_applicant_and_project_are_each_one_error_not_one_per_field()
    {
        var body = Valid();
        body.Applicant = null;
        body.Project = null;

        Assert.Equal(["applicant", "project"], ErrorsOf(body).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void More_than_twelve_documents_are_refused()
    {
        var body = Valid();
        body.Documents = Enumerable.Range(0, 13).Select(i => (GenericDocument?)new GenericDocument { Type = "statutes", Url = "https://x.example.org/" + i }).ToList();

        var errors = ErrorsOf(body);

        Assert.Contains("documents", errors.Keys);
        Assert.DoesNotContain("documents[12].type", errors.Keys);
    }

    [Fact]
    public async Task A_delivery_through_inline_extraction_and_deserialisation_validates_with_its_files_numbered()
    {
        var json = TestSubmissions.Bytes(TestSubmissions.Build("demo", "sub-77", TestSubmissions.AllAssociationDocuments, language: "ar"));

        using var stream = new MemoryStream(json);
        await using var documents = await InlineDocuments.ExtractAsync(stream, 1024 * 1024, CancellationToken.None);
        var body = JsonSerializer.Deserialize<GenericSubmission>(documents.Skeleton.Span, Json.Options)!;
        var (submission, errors) = SubmissionValidator.Validate(body);

        Assert.Empty(errors);
        Assert.Equal("sub-77", submission!.SubmissionId);
        Assert.Equal(TestSubmissions.AllAssociationDocuments, submission.Documents.Select(d => d.Type));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (int?)i), submission.Documents.Select(d => d.InlineIndex));
        Assert.Equal(6, documents.Files.Count);
        Assert.All(documents.Files, f => Assert.False(f.InvalidBase64));
    }

    // ---- Random junk: deserialisation fails only with JsonException, validation never throws. ----

    static readonly string[] Slots =
    [
        "submissionId", "edition", "language", "applicant", "project", "documents",
        "applicant.type", "applicant.name", "applicant.foundedOn", "applicant.region", "applicant.rural", "applicant.email",
        "applicant.representative", "applicant.representative.name",
        "project.sector", "project.requestedAmount", "project.totalBudget", "project.womenLed", "project.jobsCreated",
        "documents.0", "documents.0.type", "documents.0.contentBase64", "documents.0.url", "documents.0.fileName", "documents.1",
    ];

    static readonly string[] Fragments =
    [
        "null", "true", "false", "0", "-0", "-1", "1e400", "-1e400", "1.5e3", "2147483648", "-2147483649",
        "79228162514264337593543950336", "0.000000000000000000000000000001", "45000.005", "1000000000.01", "1.0000000000000000000000000001",
        "\"\"", "\" \"", "\"MA-07\"", "\"MA-13\"", "\"association\"", "\"handicrafts\"", "\"statutes\"", "\"@inline:0\"", "\"@inline:99999999999\"",
        "\"@inline:-1\"", "\"https://x.example.org/a\"", "\"http://x.example.org/a\"", "\"javascript:alert(1)\"", "\"2015-02-30\"", "\"9999-12-31\"",
        "\"\\u0000\"", "\"\\ud800\"", "\"a@b.c\"", "\"45000\"", "[]", "{}", "[null]", "[1,\"a\",{}]", "{\"a\":{\"b\":[1]}}",
        "{\"type\":\"budget\",\"contentBase64\":\"@inline:1\"}",
    ];

    static Gen<string> Fragment() => Gen.OneOf(
        Gen.Elements(Fragments),
        ArbMap.Default.GeneratorFor<string>().Select(s => JsonSerializer.Serialize(s ?? "")),
        ArbMap.Default.GeneratorFor<decimal>().Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ArbMap.Default.GeneratorFor<int>().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Choose(1, 40).Select(depth => new string('[', depth) + new string(']', depth)));

    /// <summary>
    /// Junk for a slot: mostly a value of the JSON type the slot holds (so that the delivery reads and the validator
    /// has to judge it), sometimes anything at all (so that the reader's refusals are exercised too).
    /// </summary>
    static Gen<string> FragmentFor(string slot)
    {
        var typed = slot switch
        {
            "project.requestedAmount" or "project.totalBudget" => Gen.OneOf(
                ArbMap.Default.GeneratorFor<decimal>().Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Gen.Elements("0", "-0", "-1", "45000.005", "1000000000.01", "0.01", "null")),
            "project.jobsCreated" => Gen.OneOf(
                ArbMap.Default.GeneratorFor<int>().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Gen.Elements("100001", "-1", "null")),
            "applicant.rural" or "project.womenLed" => Gen.Elements("true", "false", "null"),
            "applicant" or "project" or "applicant.representative" or "documents.0" or "documents.1" => Gen.Elements("null", "{}",
                "{\"type\":\"budget\",\"contentBase64\":\"@inline:1\"}", "{\"name\":\" \"}"),
            "documents" => Gen.Elements("null", "[]", "[null]", "[{}]"),
            _ => Gen.OneOf(
                ArbMap.Default.GeneratorFor<string>().Select(s => JsonSerializer.Serialize(s ?? "")),
                Gen.Elements(Fragments.Where(f => f.StartsWith('"')).Append("null").ToArray())),
        };
        return Gen.Frequency((4, typed), (1, Fragment()));
    }

    static Gen<List<(string Slot, string Fragment)>> Junk() =>
        Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(Gen.Elements(Slots).SelectMany(slot => FragmentFor(slot).Select(f => (slot, f))), n))
            .Select(l => l.ToList());

    static string Mutate(IReadOnlyList<(string Slot, string Fragment)> changes)
    {
        var root = JsonSerializer.SerializeToNode(Valid(), Json.Options)!;
        for (var i = 0; i < changes.Count; i++)
        {
            var parts = changes[i].Slot.Split('.');
            JsonNode? parent = root;
            foreach (var part in parts[..^1])
            {
                parent = parent switch
                {
                    JsonObject o => o[part],
                    JsonArray a when int.TryParse(part, out var n) && n < a.Count => a[n],
                    _ => null,
                };
            }

            var marker = JsonValue.Create("__slot" + i + "__");
            var last = parts[^1];
            switch (parent)
            {
                case JsonObject o:
                    o[last] = marker;
                    break;
                case JsonArray a when int.TryParse(last, out var n) && n < a.Count:
                    a[n] = marker;
                    break;
                default:
                    break;
            }
        }

        var text = root.ToJsonString(Json.Options);
        for (var i = 0; i < changes.Count; i++)
        {
            text = text.Replace("\"__slot" + i + "__\"", changes[i].Fragment, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Deserialises as the webhook does and validates; returns whether the validator was reached.</summary>
    static bool DeserialiseAndValidate(ReadOnlySpan<byte> json)
    {
        GenericSubmission? body;
        try
        {
            body = JsonSerializer.Deserialize<GenericSubmission>(json, Json.Options);
        }
        catch (JsonException)
        {
            return false;
        }

        if (body is null)
        {
            return false;
        }

        var (submission, errors) = SubmissionValidator.Validate(body);
        Assert.True((submission is null) == (errors.Count > 0), "a submission comes with no errors, and errors with no submission");
        return true;
    }

    [Property(MaxTest = 400)]
    public Property A_delivery_with_any_fields_replaced_by_junk_is_refused_or_validated_never_crashes() =>
        Prop.ForAll(Arb.From(Junk()), changes =>
        {
            DeserialiseAndValidate(Encoding.UTF8.GetBytes(Mutate(changes)));
        });

    [Fact]
    public void The_junk_above_mostly_reaches_the_validator_instead_of_stopping_at_the_JSON_reader()
    {
        var bodies = Junk().Sample(400, 30);
        var reached = bodies.Count(changes => DeserialiseAndValidate(Encoding.UTF8.GetBytes(Mutate(changes))));

        Assert.True(reached >= bodies.Length / 2, $"Only {reached} of {bodies.Length} junk deliveries reached the validator.");
    }

    [Property(MaxTest = 300)]
    public void Random_text_in_any_field_is_refused_or_accepted_but_never_crashes_the_validator(string? text, decimal amount, int jobs)
    {
        foreach (var change in new Action<GenericSubmission>[]
        {
            b => b.SubmissionId = text,
            b => b.Applicant!.Region = text,
            b => b.Applicant!.Email = text,
            b => b.Applicant!.FoundedOn = text,
            b => b.Project!.Title = text,
            b => b.Project!.RequestedAmount = amount,
            b => b.Project!.TotalBudget = amount,
            b => b.Project!.JobsCreated = jobs,
            b => b.Documents![0]!.ContentBase64 = text,
            b => b.Documents![1]!.Url = text,
            b => b.Documents![1]!.FileName = text,
        })
        {
            var body = Valid();
            change(body);
            var (submission, errors) = SubmissionValidator.Validate(body);
            Assert.True((submission is null) == (errors.Count > 0));
        }
    }
}
