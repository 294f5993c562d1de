using System.Data;
using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Disbursement;

/// <summary>
/// <c>GET /api/tranches?edition=&amp;status=due</c>: the finance desk. Every tranche of an edition in one status, with what a
/// payment order needs (payee, bank account, amount); as JSON, or as the CSV or XLSX batch handed to the treasury.
/// </summary>
public sealed class FinanceDeskEndpoints(BearerAuthenticator auth, TrancheStore tranches, ApplicationStore applications, EditionStore editions)
{
    static readonly string[] Statuses = [TrancheStatuses.Pending, TrancheStatuses.Due, TrancheStatuses.Released];

    /// <summary>The columns of the CSV and XLSX batches, named as the JSON fields.</summary>
    public static readonly string[] Columns =
        ["applicationId", "applicantName", "applicantType", "region", "funder", "tranche", "amount", "dueDate", "bankAccount", "status"];

    public async Task<IResult> ListAsync(HttpContext http)
    {
        var (_, refusal) = await auth.RequireAnyAsync(http, Roles.Finance, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var query = http.Request.Query;
        var edition = query["edition"].ToString();
        var status = query.ContainsKey("status") ? query["status"].ToString() : TrancheStatuses.Due;
        var format = query.ContainsKey("format") ? query["format"].ToString() : "json";
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(edition))
        {
            errors["edition"] = ["Required: the edition whose tranches to list."];
        }

        if (!Statuses.Contains(status))
        {
            errors["status"] = ["Use one of: " + string.Join(", ", Statuses) + "."];
        }

        if (format is not ("json" or "csv" or "xlsx"))
        {
            errors["format"] = ["Use json, csv or xlsx."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!EditionRules.IsId(edition) || await editions.FindAsync(edition, http.RequestAborted) is null)
        {
            return Problems.NotFound("edition");
        }

        var rows = await ListAsync(edition, status, http.RequestAborted);
        var fileName = $"tranches-{edition}-{status}.{format}";
        return format switch
        {
            "csv" => TypedResults.File(Csv(rows), "text/csv; charset=utf-8", fileName),
            "xlsx" => TypedResults.File(Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName),
            _ => TypedResults.Json(new FinanceDesk(edition, status, rows.Count, rows), Json.Options),
        };
    }

    async Task<List<FinanceTranche>> ListAsync(string edition, string status, CancellationToken cancellationToken)
    {
        var found = await tranches.ListByEditionAsync(edition, status, cancellationToken);
        if (found.Count == 0)
        {
            return [];
        }

        // The edition's applications once, rather than one read per tranche.
        var byId = new Dictionary<string, ApplicationEntity>(StringComparer.Ordinal);
        await foreach (var app in applications.ListAsync(edition, cancellationToken))
        {
            byId[app.ApplicationId] = app;
        }

        var rows = new List<(DateTimeOffset? DueAt, FinanceTranche Row)>();
        foreach (var tranche in found)
        {
            if (!byId.TryGetValue(tranche.PartitionKey, out var app))
            {
                continue;
            }

            // The batch handed to the treasury holds only what can be paid: a held or withdrawn application's release is refused.
            if (status == TrancheStatuses.Due && (app.SuspendedAt is not null || app.WithdrawnAt is not null))
            {
                continue;
            }

            var applicant = app.ReadApplicant();
            var funder = app.AwardJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<Award>(app.AwardJson, Json.Options)?.Funder;
            rows.Add((tranche.DueAt, new FinanceTranche(app.ApplicationId, applicant.Name, app.ApplicantType, app.Region, funder, tranche.Number,
                Money.ToDirhams(tranche.AmountCentimes),
                tranche.DueAt is { } due ? CasablancaTime.ToLocal(due).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                applicant.BankAccount, tranche.Status)));
        }

        return rows.OrderBy(r => r.DueAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.Row.ApplicationId, StringComparer.Ordinal)
            .ThenBy(r => r.Row.Tranche).Select(r => r.Row).ToList();
    }

    static object?[] Values(FinanceTranche t) =>
        [t.ApplicationId, t.ApplicantName, t.ApplicantType, t.Region, t.Funder, t.Tranche, t.Amount, t.DueDate, t.BankAccount, t.Status];

    /// <summary>
    /// UTF-8 with a byte order mark, so that Excel opens Arabic names intact; amounts as 12345.67; a name that starts like a
    /// formula (=, +, -, @) is escaped so that a spreadsheet shows it as text rather than running it.
    /// </summary>
    static byte[] Csv(List<FinanceTranche> rows)
    {
        var options = CsvWriterOptions.Default with
        {
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            csv.WriteHeader(Columns);
            foreach (var row in rows)
            {
                foreach (var value in Values(row))
                {
                    switch (value)
                    {
                        case decimal amount:
                            csv.WriteField(amount, "0.00", CultureInfo.InvariantCulture);
                            break;
                        case int number:
                            csv.WriteField(number, "D", CultureInfo.InvariantCulture);
                            break;
                        default:
                            csv.WriteField((string?)value);
                            break;
                    }
                }

                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>One sheet, a header row, amounts as numbers shown with two decimals (so the treasury can sum them).</summary>
    static byte[] Xlsx(List<FinanceTranche> rows)
    {
        // A table rather than objects: its columns are known, so an empty batch still has its header row.
        using var table = new DataTable("Tranches") { Locale = CultureInfo.InvariantCulture };
        foreach (var column in Columns)
        {
            table.Columns.Add(column, column switch { "tranche" => typeof(int), "amount" => typeof(decimal), _ => typeof(string) });
        }

        foreach (var row in rows)
        {
            table.Rows.Add(Values(row).Select(v => v ?? DBNull.Value).ToArray());
        }

        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [new MiniExcelLibs.Attributes.DynamicExcelColumn("amount") { Format = "0.00" }],
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(table, sheetName: "Tranches", configuration: configuration);
        return buffer.ToArray();
    }
}

/// <summary>One tranche on the finance desk. BankAccount is the RIB; null means "see the bank certificate".</summary>
public sealed record FinanceTranche(string ApplicationId, string ApplicantName, string ApplicantType, string Region, string? Funder, int Tranche,
    decimal Amount, string? DueDate, string? BankAccount, string Status);

public sealed record FinanceDesk(string Edition, string Status, int Count, IReadOnlyList<FinanceTranche> Items);
