using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mouazara.Applications;
using Mouazara.Intake;
using Mouazara.Kernel;

namespace Mouazara.Tests.Intake;

/// <summary>
/// Generic deliveries generated as a form provider could send them: every value drawn from what the programme
/// accepts (all regions, types, sectors, document types, amounts to the centime, texts up to their limits, Arabic
/// and French), written as JSON and read by the webhook's own deserialiser. Each is accepted with its values; with
/// one value made invalid it is refused for that field alone. The vocabularies are written out here, not taken
/// from the product, so that a code dropped or added there shows up.
/// </summary>
public sealed class GeneratedSubmissionTests
{
    static readonly string[] Regions = Enumerable.Range(1, 12).Select(n => $"MA-{n:00}").ToArray();
    static readonly string[] Types = ["association", "network", "cooperative"];
    static readonly string[] Sectors =
        ["handicrafts", "solidarity-tourism", "agriculture", "agri-food", "cultural-entrepreneurship", "health", "education", "renewable-energy", "services"];
    static readonly string[] DocumentTypes =
        ["statutes", "legal-registration", "board-minutes", "bank-certificate", "budget", "project-description", "signed-agreement", "progress-report"];

    const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàçôÉ0123456789جمعيةتعاونيةالأملمراكشآسفي";
    const string Inner = Letters + " -'.,()/&";

    /// <summary>Text that is valid for a field of at most <paramref name="max"/> characters: not blank, no control
    /// character but line breaks and tabs where allowed, sometimes exactly at the limit, sometimes padded with spaces.</summary>
    static Gen<string> Text(int max, bool lines = false) =>
        from length in Gen.Frequency((6, Gen.Choose(1, Math.Min(max, 40))), (2, Gen.Choose(1, max)), (1, Gen.Constant(max)))
        from first in Gen.Elements(Letters.ToCharArray())
        from rest in Gen.ArrayOf(Gen.Elements((lines ? Inner + "\n\t" : Inner).ToCharArray()), length - 1)
        from last in Gen.Elements(Letters.ToCharArray())
        from pad in Gen.Elements("", " ", "  \t", "\n ")
        select pad + (length == 1 ? first.ToString() : first + new string(rest, 0, length - 2) + last) + pad.Replace("\n", "", StringComparison.Ordinal);

    static Gen<string> Code(int min, int max) =>
        from first in Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray())
        from rest in Gen.Choose(min - 1, max - 1).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray()), n))
        select first + new string(rest);

    static Gen<string> Email() =>
        from local in Code(1, 20)
        from domain in Code(1, 20)
        from tld in Gen.Elements("ma", "org", "com", "net")
        select $"{local.Replace("-", "", StringComparison.Ordinal)}x@{domain.Trim('-')}x.{tld}";

    /// <summary>MAD to the centime, from 0.01 to one billion.</summary>
    static Gen<decimal> Amount() =>
        Gen.Frequency(
            (5, Gen.Choose(1, 10_000_000).Select(c => c / 100m)),
            (2, Gen.Choose(1, 100_000).Select(d => (decimal)d * 1000)),
            (1, Gen.Elements(0.01m, 49_000m, 1_000_000_000m)));

    static Gen<string> Date() =>
        from days in Gen.Choose(0, 365 * 80)
        select new DateOnly(1950, 1, 1).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static Gen<JsonObject> Document(string type) =>
        from fileName in Text(60)
        from inline in Gen.Elements(true, false)
        from index in Gen.Choose(0, 11)
        from path in Code(1, 30)
        select new JsonObject
        {
            ["type"] = type,
            ["fileName"] = fileName + ".pdf",
            ["contentType"] = "application/pdf",
            [inline ? "contentBase64" : "url"] = inline ? "@inline:" + index : $"https://forms.example.org/files/{path}",
        };

    static readonly Gen<JsonObject> Valid =
        from submissionId in Text(128)
        from edition in Code(2, 40)
        from language in Gen.Elements("ar", "fr")
        from type in Gen.Elements(Types)
        from name in Text(200)
        from registration in Text(64)
        from foundedOn in Gen.Frequency((4, Date().Select(d => (string?)d)), (1, Gen.Constant((string?)null)))
        from region in Gen.Elements(Regions)
        from commune in Text(120)
        from rural in Gen.Elements(true, false)
        from email in Email()
        from phone in Text(32)
        from representativeName in Text(200)
        from representativeGender in Text(20)
        from representativeRole in Text(120)
        from title in Text(200)
        from sector in Gen.Elements(Sectors)
        from summary in Text(4000, lines: true)
        from requested in Amount()
        from total in Amount()
        from flags in Gen.Zip(Gen.Elements(true, false), Gen.Elements(true, false))
        from jobs in Gen.Zip(Gen.Choose(0, 100_000), Gen.Choose(0, 100_000))
        from documentTypes in Gen.SubListOf(DocumentTypes)
        from documents in Gen.CollectToSequence(documentTypes, Document)
        select new JsonObject
        {
            ["submissionId"] = submissionId,
            ["edition"] = edition,
            ["language"] = language,
            ["applicant"] = new JsonObject
            {
                ["type"] = type,
                ["name"] = name,
                ["registrationNumber"] = registration,
                ["foundedOn"] = foundedOn,
                ["region"] = region,
                ["commune"] = commune,
                ["rural"] = rural,
                ["email"] = email,
                ["phone"] = phone,
                ["representative"] = new JsonObject { ["name"] = representativeName, ["gender"] = representativeGender, ["role"] = representativeRole },
            },
            ["project"] = new JsonObject
            {
                ["title"] = title,
                ["sector"] = sector,
                ["summary"] = summary,
                ["requestedAmount"] = requested,
                ["totalBudget"] = total,
                ["womenLed"] = flags.Item1,
                ["youthLed"] = flags.Item2,
                ["jobsCreated"] = jobs.Item1,
                ["jobsMaintained"] = jobs.Item2,
            },
            ["documents"] = new JsonArray(documents.Select(d => (JsonNode)d).ToArray()),
        };

    /// <summary>Reads the JSON as the webhook does (it must read: every value has its field's JSON type) and validates it.</summary>
    static (Submission? Submission, Dictionary<string, string[]> Errors) Read(JsonObject delivery)
    {
        var body = JsonSerializer.Deserialize<GenericSubmission>(Encoding.UTF8.GetBytes(delivery.ToJsonString()), Json.Options)!;
        return SubmissionValidator.Validate(body);
    }

    static string S(JsonNode? node) => node!.GetValue<string>();

    [Property(MaxTest = 300)]
    public Property Any_valid_delivery_is_accepted_with_its_values_trimmed_and_typed() =>
        Prop.ForAll(Arb.From(Valid), delivery =>
        {
            var (submission, errors) = Read(delivery);
            Assert.True(errors.Count == 0, JsonSerializer.Serialize(errors));
            Assert.NotNull(submission);

            var applicant = delivery["applicant"]!;
            var project = delivery["project"]!;
            Assert.Equal(S(delivery["submissionId"]).Trim(), submission.SubmissionId);
            Assert.Equal(S(delivery["edition"]), submission.Edition);
            Assert.Equal(S(delivery["language"]), submission.Language);
            Assert.Equal(S(applicant["type"]), submission.Applicant.Type);
            Assert.Equal(S(applicant["name"]).Trim(), submission.Applicant.Name);
            Assert.Equal(S(applicant["registrationNumber"]).Trim(), submission.Applicant.RegistrationNumber);
            Assert.Equal(applicant["foundedOn"] is null ? null : DateOnly.ParseExact(S(applicant["foundedOn"]), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                submission.Applicant.FoundedOn);
            Assert.Equal(S(applicant["region"]), submission.Applicant.Region);
            Assert.Equal(S(applicant["commune"]).Trim(), submission.Applicant.Commune);
            Assert.Equal(applicant["rural"]!.GetValue<bool>(), submission.Applicant.Rural);
            Assert.Equal(S(applicant["email"]), submission.Applicant.Email);
            Assert.Equal(S(applicant["phone"]).Trim(), submission.Applicant.Phone);
            var representative = applicant["representative"]!;
            Assert.Equal(new Representative(S(representative["name"]).Trim(), S(representative["gender"]).Trim(), S(representative["role"]).Trim()),
                submission.Applicant.Representative);
            Assert.Equal(S(project["title"]).Trim(), submission.Project.Title);
            Assert.Equal(S(project["sector"]), submission.Project.Sector);
            Assert.Equal(S(project["summary"]).Trim(), submission.Project.Summary);
            Assert.Equal(project["requestedAmount"]!.GetValue<decimal>(), submission.Project.RequestedAmount);
            Assert.Equal(project["totalBudget"]!.GetValue<decimal>(), submission.Project.TotalBudget);
            Assert.Equal(project["womenLed"]!.GetValue<bool>(), submission.Project.WomenLed);
            Assert.Equal(project["youthLed"]!.GetValue<bool>(), submission.Project.YouthLed);
            Assert.Equal(project["jobsCreated"]!.GetValue<int>(), submission.Project.JobsCreated);
            Assert.Equal(project["jobsMaintained"]!.GetValue<int>(), submission.Project.JobsMaintained);

            var documents = delivery["documents"]!.AsArray();
            Assert.Equal(documents.Select(d => S(d!["type"])), submission.Documents.Select(d => d.Type));
            foreach (var (sent, read) in documents.Zip(submission.Documents))
            {
                if (sent!["contentBase64"] is { } inline)
                {
                    Assert.Equal(int.Parse(S(inline)["@inline:".Length..], CultureInfo.InvariantCulture), read.InlineIndex);
                    Assert.Null(read.Url);
                }
                else
                {
                    Assert.Equal(new Uri(S(sent["url"])), read.Url);
                    Assert.Null(read.InlineIndex);
                }
            }
        });

    /// <summary>One value made invalid, with the JSON type its field expects, and the field that must be named.</summary>
    sealed record Breakage(string Path, JsonNode? Value, string Field)
    {
        public override string ToString() => $"{Path} = {Value?.ToJsonString() ?? "null"}";
    }

    static Gen<Breakage> Breakages(JsonObject delivery)
    {
        static Gen<Breakage> At(string path, params JsonNode?[] values) => Gen.Elements(values).Select(v => new Breakage(path, v?.DeepClone(), path));
        static JsonNode Long(int length) => new string('x', length);

        var gens = new List<Gen<Breakage>>
        {
            At("submissionId", "", "   ", Long(129), "sub\u0000-1", null),
            At("edition", "", "Demo", "-demo", "d", new string('e', 41), "demo_2026", "démo", null),
            At("language", "en", "AR", "", "ar ", null),
            At("applicant.type", "company", "Association", "", null),
            At("applicant.name", "", " \t ", Long(201), "Amal\u0007", null),
            At("applicant.registrationNumber", Long(65), "", null),
            At("applicant.foundedOn", "2015-5-10", "10/05/2015", "2015-02-30", "2015-13-01", "", "2015-05-10T00:00:00"),
            At("applicant.region", "MA-00", "MA-13", "ma-07", "MA-7", "Marrakech-Safi", "", null),
            At("applicant.commune", Long(121), "", null),
            At("applicant.rural", (JsonNode?)null),
            At("applicant.email", "amal", "amal@localhost", "Amal <amal@example.org>", "amal @example.org", "", null),
            At("applicant.phone", Long(33), "", null),
            At("applicant.representative.name", " ", Long(201), null),
            At("applicant.representative.gender", Long(21), "", null),
            At("applicant.representative.role", Long(121), "", null),
            At("project.title", "", Long(201), "Atelier\u0007", null),
            At("project.sector", "mining", "Handicrafts", "", null),
            At("project.summary", "", Long(4001), "r\u00e9sum\u00e9\u0001", null),
            At("project.requestedAmount", 0m, -1m, 1_000_000_000.01m, 45_000.005m, 0.001m, null),
            At("project.totalBudget", 0m, -45_000m, 2_000_000_000m, 60_000.001m, null),
            At("project.womenLed", (JsonNode?)null),
            At("project.youthLed", (JsonNode?)null),
            At("project.jobsCreated", -1, 100_001, int.MaxValue, null),
            At("project.jobsMaintained", -5, 100_001, null),
        };

        var documents = delivery["documents"]!.AsArray();
        for (var i = 0; i < documents.Count; i++)
        {
            gens.Add(At($"documents[{i}].type", "passport", "Statutes", "", null));
            if (documents[i]!["url"] is not null)
            {
                gens.Add(At($"documents[{i}].url", "http://forms.example.org/f", "/files/1", "ftp://forms.example.org/f", "https//x"));
            }
            else
            {
                gens.Add(At($"documents[{i}].contentBase64", "JVBERi0xLjQK", "@inline:", "@inline:-1", "@inline:x", "@INLINE:1"));
            }
        }

        if (documents.Count >= 2)
        {
            // A type already in the submission, named on the second one.
            gens.Add(Gen.Constant(new Breakage("documents[1].type", S(documents[0]!["type"]), "documents[1].type")));
        }

        return Gen.OneOf(gens);
    }

    static void Set(JsonObject delivery, string path, JsonNode? value)
    {
        JsonNode node = delivery;
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
        {
            node = Step(node, part);
        }

        var last = parts[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            node.AsObject()[last] = value;
        }
        else
        {
            Step(node, last[..bracket]).AsArray()[int.Parse(last[(bracket + 1)..^1], CultureInfo.InvariantCulture)] = value;
        }

        static JsonNode Step(JsonNode node, string part)
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            return bracket < 0 ? node[part]! : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture)]!;
        }
    }

    [Property(MaxTest = 500)]
    public Property A_valid_delivery_with_one_value_made_invalid_is_refused_naming_that_field_alone() =>
        Prop.ForAll(Arb.From(Valid.SelectMany(delivery => Breakages(delivery).Select(breakage => (Delivery: delivery, Breakage: breakage)))), input =>
        {
            var delivery = input.Delivery.DeepClone().AsObject();
            Set(delivery, input.Breakage.Path, input.Breakage.Value);

            var (submission, errors) = Read(delivery);

            Assert.Null(submission);
            Assert.True(errors.Keys.SequenceEqual([input.Breakage.Field]), $"{input.Breakage}: errors for {string.Join(", ", errors.Keys)}");
            Assert.All(errors[input.Breakage.Field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
        });
}
