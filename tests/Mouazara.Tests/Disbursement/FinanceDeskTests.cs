using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mouazara.Disbursement;
using Mouazara.Security;
using Mouazara.Tests.Kernel;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Disbursement;

/// <summary>
/// The finance desk: the tranches of an edition waiting for release, as JSON and as the CSV and XLSX batches handed to the
/// treasury, each read back (CsvHelper, the Open XML SDK) and compared field by field with the JSON.
/// </summary>
public sealed class FinanceDeskTests
{
    const string ArabicName = "جمعية النسيج التقليدي بأمزميز";

    static string[] Fields(JsonNode item) =>
    [
        item["applicationId"]!.GetValue<string>(), item["applicantName"]!.GetValue<string>(), item["applicantType"]!.GetValue<string>(),
        item["region"]!.GetValue<string>(), item["funder"]?.GetValue<string>() ?? "", item["tranche"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
        item["amount"]!.GetValue<decimal>().ToString("0.00", CultureInfo.InvariantCulture), item["dueDate"]?.GetValue<string>() ?? "",
        item["bankAccount"]?.GetValue<string>() ?? "", item["status"]!.GetValue<string>(),
    ];

    static async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(Testing.MouazaraClient client, string query, string? token)
    {
        var response = await client.SendAsync(HttpMethod.Get, "api/tranches" + query, token);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_due_list_as_json_csv_and_xlsx_holds_the_same_tranches_with_arabic_names_centimes_and_the_RIB()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("desk");
        await client.PutEditionAsync(FinanceSteps.EditionWithMinistry(edition));
        var rib = RibTests.Make("007", "780", "0001234567890123");
        var spaced = $"{rib[..3]} {rib[3..6]} {rib[6..22]} {rib[22..]}";
        var ids = await FinanceSteps.DisbursingAsync(client, edition,
            FinanceSteps.Submission(edition, ArabicName, 45000.55m, spaced),
            FinanceSteps.Submission(edition, "Association Sans RIB", 30000m, null));
        var (withRib, withoutRib) = (ids[0], ids[1]);
        var dueAt = new Dictionary<string, DateTimeOffset>();
        foreach (var id in ids)
        {
            dueAt[id] = (await Steps.WaitForTrancheAsync(client, id, 1, "due"))["dueAt"]!.GetValue<DateTimeOffset>();
        }

        // JSON, as finance: both first tranches (60% of 45,000.55 is 27,000.33), sorted by due date then application.
        var (jsonResponse, jsonBytes) = await GetAsync(client, $"?edition={edition}&status=due", await client.FinanceTokenAsync());
        Assert.True(jsonResponse.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(jsonBytes));
        var desk = JsonNode.Parse(jsonBytes)!;
        Assert.Equal(edition, desk["edition"]!.GetValue<string>());
        Assert.Equal("due", desk["status"]!.GetValue<string>());
        var items = desk["items"]!.AsArray();
        Assert.Equal(2, desk["count"]!.GetValue<int>());
        Assert.Equal(ids.OrderBy(id => dueAt[id]).ThenBy(id => id, StringComparer.Ordinal), items.Select(i => i!["applicationId"]!.GetValue<string>()));
        var first = items.Single(i => i!["applicationId"]!.GetValue<string>() == withRib)!;
        Assert.Equal(ArabicName, first["applicantName"]!.GetValue<string>());
        Assert.Equal(27000.33m, first["amount"]!.GetValue<decimal>());
        Assert.Equal(rib, first["bankAccount"]!.GetValue<string>());
        Assert.Equal("ministry", first["funder"]!.GetValue<string>());
        Assert.Equal("association", first["applicantType"]!.GetValue<string>());
        Assert.Equal("MA-07", first["region"]!.GetValue<string>());
        Assert.Equal(1, first["tranche"]!.GetValue<int>());
        Assert.Equal("due", first["status"]!.GetValue<string>());
        Assert.Equal(Mouazara.Kernel.CasablancaTime.ToLocal(dueAt[withRib]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first["dueDate"]!.GetValue<string>());
        var second = items.Single(i => i!["applicationId"]!.GetValue<string>() == withoutRib)!;
        Assert.Null(second["bankAccount"]);
        Assert.Equal(18000m, second["amount"]!.GetValue<decimal>());
        var expected = items.Select(i => Fields(i!)).ToList();

        // Staff see the same desk.
        var (staffResponse, staffBytes) = await GetAsync(client, $"?edition={edition}", await client.StaffTokenAsync());
        Assert.Equal(HttpStatusCode.OK, staffResponse.StatusCode);
        Assert.Equal(expected, JsonNode.Parse(staffBytes)!["items"]!.AsArray().Select(i => Fields(i!)));

        // CSV: UTF-8 with a byte order mark, a header row, the same rows, amounts as 27000.33.
        var (csvResponse, csvBytes) = await GetAsync(client, $"?edition={edition}&status=due&format=csv", await client.FinanceTokenAsync());
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csvResponse.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"tranches-{edition}-due.csv", csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        Assert.Contains(ArabicName, System.Text.Encoding.UTF8.GetString(csvBytes), StringComparison.Ordinal);
        Assert.Contains("27000.33", System.Text.Encoding.UTF8.GetString(csvBytes), StringComparison.Ordinal);
        using (var csv = CsvReader.Create(csvBytes, CsvReaderOptions.Default with { Separator = ',' }))
        {
            var rows = new List<string[]>();
            while (csv.Read())
            {
                rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
            }

            Assert.Equal(FinanceDeskEndpoints.Columns, csv.Headers);
            Assert.Equal(expected, rows);
        }

        // XLSX: one sheet "Tranches", a header row, amounts as numbers shown with two decimals.
        var (xlsxResponse, xlsxBytes) = await GetAsync(client, $"?edition={edition}&format=xlsx", await client.StaffTokenAsync());
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"tranches-{edition}-due.xlsx", xlsxResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var sheet = XlsxSheetReader.Read(xlsxBytes);
        Assert.Equal("Tranches", sheet.Name);
        Assert.Equal(FinanceDeskEndpoints.Columns, sheet.Rows[0].Select(c => c.Text));
        Assert.Equal(expected.Count, sheet.Rows.Count - 1);
        var amountColumn = Array.IndexOf(FinanceDeskEndpoints.Columns, "amount");
        var trancheColumn = Array.IndexOf(FinanceDeskEndpoints.Columns, "tranche");
        for (var r = 0; r < expected.Count; r++)
        {
            var row = sheet.Rows[r + 1];
            var amount = row[amountColumn];
            Assert.True(amount.Numeric, $"The amount of row {r + 1} is not a number cell.");
            Assert.Equal("0.00", amount.Format);
            Assert.Equal(decimal.Parse(expected[r][amountColumn], CultureInfo.InvariantCulture), decimal.Parse(amount.Text, CultureInfo.InvariantCulture));
            Assert.True(row[trancheColumn].Numeric);
            var text = row.Select((c, i) => i == amountColumn ? decimal.Parse(c.Text, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture) : c.Text);
            Assert.Equal(expected[r], text);
        }

        // Once finance pays the first tranche of the first, it leaves the due list for the released one.
        var amountDue = first["amount"]!.GetValue<decimal>();
        using (var release = await client.ReleaseAsync(withRib, 1, amountDue, "desk-" + withRib, reference: "TGR-DESK-1"))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        var (releasedResponse, releasedBytes) = await GetAsync(client, $"?edition={edition}&status=released", await client.FinanceTokenAsync());
        Assert.Equal(HttpStatusCode.OK, releasedResponse.StatusCode);
        var released = Assert.Single(JsonNode.Parse(releasedBytes)!["items"]!.AsArray())!;
        Assert.Equal((withRib, 1, 27000.33m, "released"),
            (released["applicationId"]!.GetValue<string>(), released["tranche"]!.GetValue<int>(), released["amount"]!.GetValue<decimal>(), released["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_finance_and_staff_read_the_desk_and_bad_queries_are_422()
    {
        var stack = await LocalStack.SharedAsync();
        var client = stack.Client;
        var edition = LocalStack.NewId("desk");
        await client.PutEditionAsync(FinanceSteps.EditionWithMinistry(edition));

        var (anonymous, _) = await GetAsync(client, $"?edition={edition}", null);
        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");

        var key = stack.Host.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevSigningKey!;
        var audience = stack.Host.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Audience!;
        var other = BearerAuthenticator.MintDevelopmentToken(key, audience, "Mouazara.Committee", "someone", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
        var (forbidden, _) = await GetAsync(client, $"?edition={edition}", other);
        await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");

        var finance = await client.FinanceTokenAsync();
        var (missing, _) = await GetAsync(client, "?status=due", finance);
        await Problem.AssertInvalidAsync(missing, "edition");
        var (status, _) = await GetAsync(client, $"?edition={edition}&status=paid", finance);
        await Problem.AssertInvalidAsync(status, "status");
        var (format, _) = await GetAsync(client, $"?edition={edition}&format=pdf", finance);
        await Problem.AssertInvalidAsync(format, "format");
        var (unknown, _) = await GetAsync(client, "?edition=" + LocalStack.NewId("none"), finance);
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "not-found");

        // An edition with nothing due: an empty list, and batches that still have their header.
        var (empty, emptyBytes) = await GetAsync(client, $"?edition={edition}", finance);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Empty(JsonNode.Parse(emptyBytes)!["items"]!.AsArray());
        var (_, csvBytes) = await GetAsync(client, $"?edition={edition}&format=csv", finance);
        using (var csv = CsvReader.Create(csvBytes, CsvReaderOptions.Default with { Separator = ',' }))
        {
            Assert.False(csv.Read());
            Assert.Equal(FinanceDeskEndpoints.Columns, csv.Headers);
        }

        var (_, xlsxBytes) = await GetAsync(client, $"?edition={edition}&format=xlsx", finance);
        var sheet = XlsxSheetReader.Read(xlsxBytes);
        Assert.Equal(FinanceDeskEndpoints.Columns, Assert.Single(sheet.Rows).Select(c => c.Text));
    }
}
