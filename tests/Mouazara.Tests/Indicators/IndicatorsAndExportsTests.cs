using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using Mouazara.Http;
using Mouazara.Indicators;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Indicators;

/// <summary>
/// <c>GET /api/editions/{id}/indicators</c> and <c>…/exports/{kind}</c> on a hand-built edition on the real engine: every
/// indicator worked out by hand from what the test did (stage durations from each application's own history), and each
/// export read back, the XLSX compared cell by cell with the CSV, the CSV with the JSON API.
/// </summary>
public sealed class IndicatorsAndExportsTests(IndicatorEdition edition) : IClassFixture<IndicatorEdition>
{
    async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, string? token)
    {
        var response = await edition.Client.SendAsync(HttpMethod.Get, path, token);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_indicators_are_the_figures_worked_out_by_hand()
    {
        var client = edition.Client;
        var (response, body) = await GetAsync($"api/editions/{edition.Id}/indicators", await client.StaffTokenAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        var figures = JsonNode.Parse(body)!;
        Assert.Equal(edition.Id, figures["edition"]!.GetValue<string>());
        Assert.True(figures["computedAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Equal(new Dictionary<string, int> { ["awaiting-documents"] = 1, ["disbursing"] = 2, ["not-selected"] = 1 },
            figures["statuses"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()));

        // Applicants A, B, C, D: women-led B, C, D; rural B, C. Shortlisted and selected: C and D.
        AssertPopulation(figures, "applicants", 4, 0.75m, 0.5m, new() { ["MA-01"] = 1, ["MA-02"] = 1, ["MA-07"] = 2 },
            new() { ["agriculture"] = 2, ["handicrafts"] = 1, ["health"] = 1 });
        foreach (var population in new[] { "shortlisted", "selected" })
        {
            AssertPopulation(figures, population, 2, 1m, 0.5m, new() { ["MA-07"] = 2 }, new() { ["agriculture"] = 1, ["handicrafts"] = 1 });
        }

        // Targets on C and D: all women-led (≥ 0.64), half rural (≥ 0.47), one region of twelve (0 in the others, < 1),
        // one project per sector (0.5 ≤ 0.6), lowest score D's 70 (≥ 60).
        var targets = figures["targets"]!.AsArray().Select(t => (t!["name"]!.GetValue<string>(), t["target"]!.GetValue<decimal>(),
            t["population"]!.GetValue<string>(), t["achieved"]!.GetValue<decimal>(), t["met"]!.GetValue<bool>())).ToList();
        Assert.Equal(
        [
            ("womenLedMin", 0.64m, "selected", 1m, true), ("ruralMin", 0.47m, "selected", 0.5m, true), ("perRegionMin", 1m, "selected", 0m, false),
            ("sectorMaxShare", 0.6m, "selected", 0.5m, true), ("scoreMin", 60m, "selected", 70m, true),
        ], targets);

        // Requested 20,000 + 30,000 + 45,000.55 + 40,000; awarded and committed C's and D's requests; released C's first tranche.
        var money = figures["money"]!;
        Assert.Equal((135000.55m, 85000.55m, 85000.55m, edition.Released),
            (money["requested"]!.GetValue<decimal>(), money["awarded"]!.GetValue<decimal>(), money["committed"]!.GetValue<decimal>(), money["released"]!.GetValue<decimal>()));
        var ministry = Assert.Single(money["perFunder"]!.AsArray())!;
        Assert.Equal(("ministry", 6000000m, 85000.55m, 85000.55m, edition.Released),
            (ministry["funder"]!.GetValue<string>(), ministry["envelope"]!.GetValue<decimal>(), ministry["awarded"]!.GetValue<decimal>(),
             ministry["committed"]!.GetValue<decimal>(), ministry["released"]!.GetValue<decimal>()));

        // Jobs promised by C (5 + 10) and D (2 + 4); reported in C's accepted report: 3 created, 5 maintained.
        var jobs = figures["jobs"]!;
        Assert.Equal((21, 3, 5, 7, 14), (jobs["forecast"]!.GetValue<int>(), jobs["created"]!.GetValue<int>(), jobs["maintained"]!.GetValue<int>(),
            jobs["forecastCreated"]!.GetValue<int>(), jobs["forecastMaintained"]!.GetValue<int>()));

        // Stage durations, worked out again from each application's history as staff read it.
        var expected = await DurationsFromHistoryAsync();
        var durations = figures["stageDurations"]!.AsArray();
        Assert.Equal(["documents", "eligibility", "committee", "selection", "agreement", "disbursement"], durations.Select(d => d!["stage"]!.GetValue<string>()));
        foreach (var duration in durations)
        {
            var stage = duration!["stage"]!.GetValue<string>();
            var hours = expected.GetValueOrDefault(stage) ?? [];
            hours.Sort();
            Assert.Equal(hours.Count, duration["count"]!.GetValue<int>());
            Assert.Equal(Rank(hours, 50), duration["medianHours"]?.GetValue<double>());
            Assert.Equal(Rank(hours, 90), duration["p90Hours"]?.GetValue<double>());
        }

        // A still waits for documents; B, C and D left documents, eligibility and the committee; C and D the selection and agreement.
        Assert.Equal([3, 3, 3, 2, 2, 0], durations.Select(d => d!["count"]!.GetValue<int>()));
    }

    static double? Rank(List<double> sorted, int percent) =>
        sorted.Count == 0 ? null : Math.Round(sorted[(int)Math.Ceiling(percent / 100m * sorted.Count) - 1], 2, MidpointRounding.AwayFromZero);

    /// <summary>Each stage's time per application: from its first status in the stage to the first status after it (submission opens documents).</summary>
    async Task<Dictionary<string, List<double>>> DurationsFromHistoryAsync()
    {
        static string? StageOf(string status) => status switch
        {
            "received" or "awaiting-documents" => "documents",
            "checking-eligibility" or "awaiting-staff-review" => "eligibility",
            "in-evaluation" => "committee",
            "shortlisted" or "waitlisted" => "selection",
            "selected" or "awaiting-signature" => "agreement",
            "disbursing" => "disbursement",
            _ => null,
        };

        var result = new Dictionary<string, List<double>>();
        foreach (var id in new[] { edition.A, edition.B, edition.C, edition.D })
        {
            var app = await edition.Client.ApplicationAsync(id);
            var (stage, since) = ((string?)"documents", app["submittedAt"]!.GetValue<DateTimeOffset>());
            foreach (var line in app["history"]!.AsArray())
            {
                var next = StageOf(line!["status"]!.GetValue<string>());
                if (next == stage)
                {
                    continue;
                }

                var at = line["at"]!.GetValue<DateTimeOffset>();
                if (stage is not null)
                {
                    (result.TryGetValue(stage, out var list) ? list : result[stage] = []).Add((at - since).TotalHours);
                }

                (stage, since) = (next, at);
            }
        }

        return result;
    }

    static void AssertPopulation(JsonNode figures, string name, int count, decimal womenLed, decimal rural, Dictionary<string, int> perRegion,
        Dictionary<string, int> perSector)
    {
        var population = figures["populations"]!.AsArray().Single(p => p!["population"]!.GetValue<string>() == name)!;
        Assert.Equal((count, womenLed, rural), (population["count"]!.GetValue<int>(), population["womenLedShare"]!.GetValue<decimal>(), population["ruralShare"]!.GetValue<decimal>()));
        Assert.Equal(perRegion, population["perRegion"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()));
        Assert.Equal(perSector, population["perSector"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()));
    }

    /// <summary>Downloads an export as CSV and as XLSX; checks the headers of both answers, the BOM, and that both files hold the same cells.</summary>
    async Task<(string[] Header, List<string[]> Rows)> ExportAsync(string kind, IReadOnlyList<SheetColumn> columns)
    {
        var token = await edition.Client.StaffTokenAsync();
        var (csvResponse, csvBytes) = await GetAsync($"api/editions/{edition.Id}/exports/{kind}?format=csv", token);
        Assert.True(csvResponse.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(csvBytes));
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csvResponse.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{kind}-{edition.Id}.csv", csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", csvResponse.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var csvRows = new List<string[]>();
        string[] header;
        using (var csv = CsvReader.Create(csvBytes, CsvReaderOptions.Default with { Separator = ',' }))
        {
            while (csv.Read())
            {
                csvRows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
            }

            header = [.. csv.Headers];
        }

        Assert.Equal(columns.Select(c => c.Name), header);

        var (xlsxResponse, xlsxBytes) = await GetAsync($"api/editions/{edition.Id}/exports/{kind}?format=xlsx", token);
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal(Spreadsheets.XlsxContentType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{kind}-{edition.Id}.xlsx", xlsxResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var sheet = XlsxSheetReader.Read(xlsxBytes);
        Assert.Equal(char.ToUpperInvariant(kind[0]) + kind[1..], sheet.Name);
        Assert.Equal(header, sheet.Rows[0].Select(c => c.Text));
        Assert.Equal(csvRows.Count, sheet.Rows.Count - 1);
        for (var r = 0; r < csvRows.Count; r++)
        {
            var cells = sheet.Rows[r + 1];
            for (var c = 0; c < columns.Count; c++)
            {
                var text = csvRows[r][c];
                var cell = c < cells.Length ? cells[c] : new XlsxSheetReader.Cell("", false, null);
                var where = $"{kind} row {r + 1} column {columns[c].Name}";
                if (columns[c].Kind is CellKind.Text || text.Length == 0)
                {
                    Assert.True(text == cell.Text, $"{where}: CSV '{text}', XLSX '{cell.Text}'");
                    continue;
                }

                Assert.True(cell.Numeric, $"{where} is not a number cell: '{cell.Text}'");
                Assert.Equal(decimal.Parse(text, CultureInfo.InvariantCulture), decimal.Parse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
                if (columns[c].Kind == CellKind.Amount)
                {
                    Assert.Equal("0.00", cell.Format);
                    Assert.Matches(@"^\d+\.\d\d$", text);
                }
            }
        }

        return (header, csvRows);
    }

    [Fact]
    public async Task The_applications_export_holds_each_application_as_the_api_shows_it_with_its_arabic_name()
    {
        var (header, rows) = await ExportAsync("applications", ExportEndpoints.ApplicationColumns);
        Assert.Equal(4, rows.Count);
        int Col(string name) => Array.IndexOf(header, name);
        foreach (var id in new[] { edition.A, edition.B, edition.C, edition.D })
        {
            var app = await edition.Client.ApplicationAsync(id);
            var row = rows.Single(r => r[Col("applicationId")] == id);
            Assert.Equal(app["applicant"]!["name"]!.GetValue<string>(), row[Col("applicantName")]);
            Assert.Equal(app["status"]!.GetValue<string>(), row[Col("status")]);
            Assert.Equal(app["applicant"]!["region"]!.GetValue<string>(), row[Col("region")]);
            Assert.Equal(app["project"]!["sector"]!.GetValue<string>(), row[Col("sector")]);
            Assert.Equal(app["project"]!["title"]!.GetValue<string>(), row[Col("projectTitle")]);
            Assert.Equal(app["project"]!["requestedAmount"]!.GetValue<decimal>().ToString("0.00", CultureInfo.InvariantCulture), row[Col("requestedAmount")]);
            Assert.Equal(app["project"]!["womenLed"]!.GetValue<bool>() ? "true" : "false", row[Col("womenLed")]);
            Assert.Equal(app["submittedAt"]!.GetValue<DateTimeOffset>(), DateTimeOffset.Parse(row[Col("submittedAt")], CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(IndicatorEdition.ArabicName, rows.Single(r => r[0] == edition.C)[Col("applicantName")]);
    }

    [Fact]
    public async Task The_payments_evaluations_and_selection_exports_hold_the_tranches_votes_and_outcomes()
    {
        var (payHeader, payments) = await ExportAsync("payments", ExportEndpoints.PaymentColumns);
        int Pay(string name) => Array.IndexOf(payHeader, name);
        Assert.Equal(new[] { (edition.C, "1"), (edition.C, "2"), (edition.D, "1"), (edition.D, "2") }.Order(),
            payments.Select(p => (p[Pay("applicationId")], p[Pay("tranche")])).Order());
        var paid = payments.Single(p => p[Pay("applicationId")] == edition.C && p[Pay("tranche")] == "1");
        Assert.Equal(("released", "TGR-IND-1", "27000.33", "27000.33", "ministry"),
            (paid[Pay("status")], paid[Pay("paymentReference")], paid[Pay("amount")], paid[Pay("releasedAmount")], paid[Pay("funder")]));
        Assert.Equal("18000.22", payments.Single(p => p[Pay("applicationId")] == edition.C && p[Pay("tranche")] == "2")[Pay("amount")]);
        Assert.All(payments.Where(p => p != paid), p => Assert.Equal("", p[Pay("paymentReference")]));

        var reviewEdition = IndicatorCalculatorTests.Edition(edition.Id);
        var (voteHeader, votes) = await ExportAsync("evaluations", ExportEndpoints.EvaluationColumns(reviewEdition));
        int Vote(string name) => Array.IndexOf(voteHeader, name);
        Assert.Equal(9, votes.Count);
        foreach (var (id, total, recommendation) in new[] { (edition.B, "30", "reject"), (edition.C, "80", "approve"), (edition.D, "70", "approve") })
        {
            var own = votes.Where(v => v[Vote("applicationId")] == id).ToList();
            Assert.Equal(["m-ar", "m-civil", "m-fr"], own.Select(v => v[Vote("reviewerId")]).Order());
            Assert.All(own, v => Assert.Equal((total, recommendation), (v[Vote("total")], v[Vote("recommendation")])));
            Assert.All(own, v => Assert.Equal(int.Parse(total, CultureInfo.InvariantCulture),
                voteHeader.Where(h => h.StartsWith("score:", StringComparison.Ordinal)).Sum(h => int.Parse(v[Vote(h)], CultureInfo.InvariantCulture))));
        }

        var (selHeader, selection) = await ExportAsync("selection", ExportEndpoints.SelectionColumns);
        int Sel(string name) => Array.IndexOf(selHeader, name);
        Assert.Equal(new[] { (edition.C, "selected", "ministry", "45000.55", "80"), (edition.D, "selected", "ministry", "40000.00", "70") }.OrderBy(s => s.Item1, StringComparer.Ordinal),
            selection.Where(s => s[Sel("outcome")] == "selected").Select(s => (s[Sel("applicationId")], s[Sel("outcome")], s[Sel("funder")], s[Sel("amount")], s[Sel("score")]))
                .Select(s => (s.Item1, s.Item2, s.Item3, s.Item4, decimal.Parse(s.Item5, CultureInfo.InvariantCulture).ToString("0", CultureInfo.InvariantCulture)))
                .OrderBy(s => s.Item1, StringComparer.Ordinal));
        Assert.All(selection.Where(s => s[Sel("outcome")] != "selected"), s => Assert.Contains(s[Sel("applicationId")], new[] { edition.A, edition.B }));
    }

    [Fact]
    public async Task The_indicators_export_has_one_row_per_figure_of_the_json()
    {
        var (_, body) = await GetAsync($"api/editions/{edition.Id}/indicators", await edition.Client.StaffTokenAsync());
        var figures = JsonNode.Parse(body)!;
        var (_, rows) = await ExportAsync("indicators", ExportEndpoints.IndicatorColumns);
        Assert.Contains(rows, r => r[0] == "money" && r[1] == "total" && r[2] == "released" && decimal.Parse(r[3], CultureInfo.InvariantCulture) == edition.Released);
        foreach (var row in rows)
        {
            var (section, name, measure) = (row[0], row[1], row[2]);
            JsonNode? expected = section switch
            {
                "statuses" => figures["statuses"]![name],
                "stageDurations" => figures["stageDurations"]!.AsArray().Single(d => d!["stage"]!.GetValue<string>() == name)![measure],
                "populations" => Population(figures, name, measure),
                "targets" => figures["targets"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == name)![measure],
                "money" when name == "total" => figures["money"]![measure],
                "money" => figures["money"]!["perFunder"]!.AsArray().Single(f => f!["funder"]!.GetValue<string>() == name)![measure],
                "jobs" => figures["jobs"]![measure],
                _ => throw new InvalidOperationException("Unknown section " + section),
            };
            var text = expected is null ? "" : expected.GetValueKind() == System.Text.Json.JsonValueKind.True ? "1"
                : expected.GetValueKind() == System.Text.Json.JsonValueKind.False ? "0" : expected.ToJsonString();
            Assert.True(text.Length == 0 ? row[3].Length == 0 : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(row[3], CultureInfo.InvariantCulture),
                $"{section}/{name}/{measure}: JSON {text}, CSV {row[3]}");
        }

        // Every figure of the JSON is in the file: statuses, six stages × 3, targets × 3, money, jobs.
        Assert.Equal(figures["statuses"]!.AsObject().Count, rows.Count(r => r[0] == "statuses"));
        Assert.Equal(18, rows.Count(r => r[0] == "stageDurations"));
        Assert.Equal(15, rows.Count(r => r[0] == "targets"));
    }

    static JsonNode? Population(JsonNode figures, string name, string measure)
    {
        var population = figures["populations"]!.AsArray().Single(p => p!["population"]!.GetValue<string>() == name)!;
        return measure.StartsWith("region:", StringComparison.Ordinal) ? population["perRegion"]![measure[7..]]
            : measure.StartsWith("sector:", StringComparison.Ordinal) ? population["perSector"]![measure[7..]]
            : population[measure];
    }

    [Fact]
    public async Task Bad_kinds_and_formats_are_400_an_unknown_edition_404_and_only_staff_get_in()
    {
        var client = edition.Client;
        var staff = await client.StaffTokenAsync();
        using (var response = await client.SendAsync(HttpMethod.Get, $"api/editions/{edition.Id}/exports/everything?format=csv", staff))
        {
            await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        }

        using (var response = await client.SendAsync(HttpMethod.Get, $"api/editions/{edition.Id}/exports/applications?format=pdf", staff))
        {
            await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        }

        foreach (var path in new[] { "api/editions/no-such-edition/indicators", "api/editions/no-such-edition/exports/applications?format=csv" })
        {
            using var response = await client.SendAsync(HttpMethod.Get, path, staff);
            await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        foreach (var path in new[] { $"api/editions/{edition.Id}/indicators", $"api/editions/{edition.Id}/exports/payments?format=xlsx" })
        {
            using (var response = await client.SendAsync(HttpMethod.Get, path, await client.FinanceTokenAsync()))
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }

            using (var response = await client.SendAsync(HttpMethod.Get, path))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }
    }
}
