using System.Globalization;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Http;
using Mouazara.Security;

namespace Mouazara.Disbursement.Reports;

/// <summary>
/// <c>POST /api/applications/{id}/reports/{n}/decision</c>: staff accept the latest version of a report or ask for changes
/// (with the reason the applicant will read). The decision is written on that version's row under its ETag, so it is
/// taken once; the application's orchestration gets <see cref="ReportDecided"/>.
/// </summary>
public sealed class ReportEndpoints(BearerAuthenticator auth, ReportStore reports, ApplicationStore applications, IndicatorFactStore facts, TimeProvider time)
{
    public async Task<IResult> DecideAsync(HttpContext http, DurableTaskClient client, string id, string n)
    {
        var (caller, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var (request, problem) = await JsonBody.ReadAsync<ReportDecisionRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (request!.Decision is not (ReportDecisions.Accept or ReportDecisions.ChangesRequested))
        {
            errors["decision"] = ["Use accept or changes-requested."];
        }

        var reason = request.Reason?.Trim();
        if (reason?.Length > 1000)
        {
            errors["reason"] = ["At most 1000 characters."];
        }
        else if (request.Decision == ReportDecisions.ChangesRequested && string.IsNullOrEmpty(reason))
        {
            errors["reason"] = ["Required when asking for changes: what to change, as the applicant will read it."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var app = await applications.FindAsync(id, http.RequestAborted);
        if (app is null || !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 99)
        {
            return Problems.NotFound(app is null ? "application" : "report");
        }

        var (asked, versions) = await reports.ReadAsync(id, number, http.RequestAborted);
        if (asked is null)
        {
            return Problems.NotFound("report");
        }

        if (versions.Count == 0)
        {
            return Problems.Conflict("report-not-submitted", "No version of this report has been submitted yet.");
        }

        var latest = versions[^1];
        var actor = "staff:" + caller!.Subject;
        if (latest.Decision is not null)
        {
            // The same decision sent again (a retry after a failure) is delivered again; another one is refused.
            if (latest.Decision != request.Decision || latest.DecidedBy != actor || (latest.Reason ?? "") != (reason ?? ""))
            {
                return Problems.Conflict("report-already-decided", "The latest version of this report was already decided.",
                    $"Version {latest.Version}: {latest.Decision}.");
            }
        }
        else
        {
            latest.Decision = request.Decision;
            latest.Reason = string.IsNullOrEmpty(reason) ? null : reason;
            latest.DecidedBy = actor;
            latest.DecidedAt = time.GetUtcNow();
            try
            {
                await reports.UpdateAsync(latest, http.RequestAborted);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                return Problems.Conflict("report-already-decided", "The latest version of this report was decided at the same moment by someone else.");
            }

            await applications.AppendHistoryAsync(id, latest.DecidedAt.Value, $"report-{number}-v{latest.Version}-decision", app.Status, actor,
                $"Report {number} version {latest.Version}: {request.Decision}" + (latest.Reason is null ? "." : ": " + latest.Reason), http.RequestAborted);
        }

        if (latest.Decision == ReportDecisions.Accept)
        {
            await facts.RecordReportAsync(app.Edition, id, number, latest.JobsCreated, latest.JobsMaintained, http.RequestAborted);
        }

        await client.RaiseEventAsync(ApplicationIds.Instance(id), nameof(ReportDecided),
            new ReportDecided($"report-{number}-v{latest.Version}-decision", number, latest.Version, latest.Decision!, latest.Reason, actor), http.RequestAborted);
        return TypedResults.Ok(ReportVersionView.From(latest));
    }
}

public sealed record ReportDecisionRequest(string? Decision, string? Reason);
