using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Mouazara.Applications;
using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Selection;

namespace Mouazara.Indicators;

/// <summary>
/// <c>GET /api/editions/{id}/exports/{kind}?format=csv|xlsx</c> (staff): an edition's applications, evaluations, selection,
/// payments or indicators as a CSV or XLSX download. Rows are read from the tables page by page and written to the
/// response as they come (<see cref="Spreadsheets"/>), so an edition of thousands of applications never sits in memory.
/// </summary>
public sealed class ExportEndpoints(BearerAuthenticator auth, EditionStore editions, ApplicationStore applications, ReviewStore reviews,
    TrancheStore tranches, IndicatorEndpoints indicators)
{
    public static readonly IReadOnlyList<string> Kinds = ["applications", "evaluations", "selection", "payments", "indicators"];

    public static readonly IReadOnlyList<SheetColumn> ApplicationColumns =
    [
        new("applicationId"), new("reference"), new("applicantName"), new("applicantType"), new("region"), new("sector"), new("projectTitle"),
        new("womenLed"), new("rural"), new("requestedAmount", CellKind.Amount), new("status"), new("submittedAt"),
    ];

    public static readonly IReadOnlyList<SheetColumn> SelectionColumns =
    [
        new("applicationId"), new("applicantName"), new("outcome"), new("funder"), new("amount", CellKind.Amount), new("rank", CellKind.Integer),
        new("score", CellKind.Number), new("cutOffScore", CellKind.Number), new("reasons"), new("promotion"),
    ];

    public static readonly IReadOnlyList<SheetColumn> PaymentColumns =
    [
        new("applicationId"), new("applicantName"), new("funder"), new("tranche", CellKind.Integer), new("amount", CellKind.Amount), new("status"),
        new("dueAt"), new("paymentReference"), new("valueDate"), new("releasedAmount", CellKind.Amount), new("releasedAt"), new("releasedBy"),
    ];

    public static readonly IReadOnlyList<SheetColumn> IndicatorColumns =
        [new("section"), new("name"), new("measure"), new("value", CellKind.Number)];

    /// <summary>The evaluation columns: one score column per criterion of the edition's rubric, named <c>score:{criterion}</c>.</summary>
    public static IReadOnlyList<SheetColumn> EvaluationColumns(Edition edition) =>
    [
        new("applicationId"), new("reviewerId"), .. edition.Committee.Criteria.Select(c => new SheetColumn("score:" + c.Id, CellKind.Integer)),
        new("total", CellKind.Integer), new("recommendation"), new("comment"), new("round", CellKind.Integer), new("castAt"),
    ];

    public async Task<IResult> ExportAsync(HttpContext http, string id, string kind)
    {
        var (_, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var format = http.Request.Query.ContainsKey("format") ? http.Request.Query["format"].ToString() : "csv";
        if (!Kinds.Contains(kind))
        {
            return Problems.Malformed("Unknown export; use one of: " + string.Join(", ", Kinds) + ".", "kind");
        }

        if (format is not ("csv" or "xlsx"))
        {
            return Problems.Malformed("Use format=csv or format=xlsx.", "format");
        }

        var edition = EditionRules.IsId(id) ? await editions.FindAsync(id, http.RequestAborted) : null;
        if (edition is null)
        {
            return Problems.NotFound("edition");
        }

        var fileName = $"{kind}-{edition.Id}.{format}";
        var sheet = char.ToUpperInvariant(kind[0]) + kind[1..];
        return kind switch
        {
            "applications" => Spreadsheets.Attachment(format, fileName, sheet, ApplicationColumns, token => ApplicationRows(edition.Id, token)),
            "evaluations" => Spreadsheets.Attachment(format, fileName, sheet, EvaluationColumns(edition), token => EvaluationRows(edition, token)),
            "selection" => Spreadsheets.Attachment(format, fileName, sheet, SelectionColumns, token => SelectionRows(edition.Id, token)),
            "payments" => Spreadsheets.Attachment(format, fileName, sheet, PaymentColumns, token => PaymentRows(edition.Id, token)),
            _ => Spreadsheets.Attachment(format, fileName, sheet, IndicatorColumns,
                token => IndicatorRows(indicators.ComputeAsync(edition, token))),
        };
    }

    async IAsyncEnumerable<object?[]> ApplicationRows(string edition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var app in applications.ListAsync(edition, cancellationToken))
        {
            yield return
            [
                app.ApplicationId, app.SubmissionId, app.ReadApplicant().Name, app.ApplicantType, app.Region, app.Sector, app.ReadProject().Title,
                app.WomenLed, app.Rural, Money.ToDirhams(app.RequestedCentimes), app.Status, app.SubmittedAt,
            ];
        }
    }

    async IAsyncEnumerable<object?[]> EvaluationRows(Edition edition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var criteria = edition.Committee.Criteria;
        await foreach (var app in applications.ListAsync(edition.Id, cancellationToken))
        {
            if (app.CommitteeJson is null && app.EvaluationJson is null)
            {
                continue; // never reached the committee: no votes to read
            }

            foreach (var vote in (await reviews.ListVotesAsync(app.ApplicationId, cancellationToken)).OrderBy(v => v.CastAt))
            {
                var scores = JsonSerializer.Deserialize<Dictionary<string, int>>(vote.ScoresJson, Json.Options) ?? [];
                yield return
                [
                    app.ApplicationId, vote.RowKey, .. criteria.Select(c => scores.TryGetValue(c.Id, out var s) ? (object?)s : null),
                    vote.Score, vote.Recommendation, vote.Comment, 1, vote.CastAt,
                ];
            }
        }
    }

    async IAsyncEnumerable<object?[]> SelectionRows(string edition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var app in applications.ListAsync(edition, cancellationToken))
        {
            if (app.SelectionJson is null || JsonSerializer.Deserialize<ApplicationSelection>(app.SelectionJson, Json.Options) is not { } selection)
            {
                continue;
            }

            yield return
            [
                app.ApplicationId, app.ReadApplicant().Name, selection.Outcome, selection.Funder, selection.Amount, selection.Rank, selection.Score,
                selection.CutOffScore, string.Join("; ", selection.Reasons.Select(r => r.Code)), selection.Promotion,
            ];
        }
    }

    async IAsyncEnumerable<object?[]> PaymentRows(string edition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var app in applications.ListAsync(edition, cancellationToken))
        {
            if (app.AwardJson is null)
            {
                continue;
            }

            var funder = JsonSerializer.Deserialize<Award>(app.AwardJson, Json.Options)?.Funder;
            var name = app.ReadApplicant().Name;
            var releases = (await tranches.ListReleasesAsync(app.ApplicationId, cancellationToken)).ToDictionary(r => r.RowKey, StringComparer.Ordinal);
            foreach (var tranche in (await tranches.ListAsync(app.ApplicationId, cancellationToken)).OrderBy(t => t.Number))
            {
                var release = releases.GetValueOrDefault(tranche.RowKey);
                yield return
                [
                    app.ApplicationId, name, funder, tranche.Number, Money.ToDirhams(tranche.AmountCentimes), tranche.Status, tranche.DueAt,
                    release?.PaymentReference, release?.ValueDate, release is null ? null : Money.ToDirhams(release.AmountCentimes), release?.RecordedAt,
                    release?.ReleasedBy,
                ];
            }
        }
    }

    /// <summary>One row per figure of <c>GET …/indicators</c>: section, name, measure, value.</summary>
    public static async IAsyncEnumerable<object?[]> IndicatorRows(Task<ProgrammeIndicators> computing)
    {
        var figures = await computing;
        foreach (var (status, count) in figures.Statuses)
        {
            yield return ["statuses", status, "count", count];
        }

        foreach (var stage in figures.StageDurations)
        {
            yield return ["stageDurations", stage.Stage, "count", stage.Count];
            yield return ["stageDurations", stage.Stage, "medianHours", stage.MedianHours];
            yield return ["stageDurations", stage.Stage, "p90Hours", stage.P90Hours];
        }

        foreach (var population in figures.Populations)
        {
            yield return ["populations", population.Population, "count", population.Count];
            yield return ["populations", population.Population, "womenLedShare", population.WomenLedShare];
            yield return ["populations", population.Population, "ruralShare", population.RuralShare];
            foreach (var (region, count) in population.PerRegion)
            {
                yield return ["populations", population.Population, "region:" + region, count];
            }

            foreach (var (sector, count) in population.PerSector)
            {
                yield return ["populations", population.Population, "sector:" + sector, count];
            }
        }

        foreach (var target in figures.Targets)
        {
            yield return ["targets", target.Name, "target", target.Target];
            yield return ["targets", target.Name, "achieved", target.Achieved];
            yield return ["targets", target.Name, "met", target.Met ? 1 : 0];
        }

        var money = figures.Money;
        yield return ["money", "total", "requested", money.Requested];
        yield return ["money", "total", "awarded", money.Awarded];
        yield return ["money", "total", "committed", money.Committed];
        yield return ["money", "total", "released", money.Released];
        foreach (var funder in money.PerFunder)
        {
            yield return ["money", funder.Funder, "envelope", funder.Envelope];
            yield return ["money", funder.Funder, "awarded", funder.Awarded];
            yield return ["money", funder.Funder, "committed", funder.Committed];
            yield return ["money", funder.Funder, "released", funder.Released];
        }

        yield return ["jobs", "selected", "forecast", figures.Jobs.Forecast];
        yield return ["jobs", "selected", "created", figures.Jobs.Created];
        yield return ["jobs", "selected", "maintained", figures.Jobs.Maintained];
        yield return ["jobs", "selected", "forecastCreated", figures.Jobs.ForecastCreated];
        yield return ["jobs", "selected", "forecastMaintained", figures.Jobs.ForecastMaintained];
    }
}
