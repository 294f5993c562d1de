using System.Globalization;
using Microsoft.AspNetCore.Http;
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
        return format is "csv" or "xlsx"
            ? Spreadsheets.Attachment(format, fileName, "Tranches", Sheet, _ => rows.Select(Values).ToAsyncEnumerable())
            : TypedResults.Json(new FinanceDesk(edition, status, rows.Count, rows), Json.Options);
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

    /// <summary>The batch's columns for the shared writer: the tranche a whole number, the amount in MAD with two decimals.</summary>
    static readonly SheetColumn[] Sheet = [.. Columns.Select(c => new SheetColumn(c, c switch { "tranche" => CellKind.Integer, "amount" => CellKind.Amount, _ => CellKind.Text }))];
}

/// <summary>One tranche on the finance desk. BankAccount is the RIB; null means "see the bank certificate".</summary>
public sealed record FinanceTranche(string ApplicationId, string ApplicantName, string ApplicantType, string Region, string? Funder, int Tranche,
    decimal Amount, string? DueDate, string? BankAccount, string Status);

public sealed record FinanceDesk(string Edition, string Status, int Count, IReadOnlyList<FinanceTranche> Items);
