using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Disbursement;
using Mouazara.Documents;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Lifecycle;

/// <summary>
/// Staff's view of applications: one in full, a filtered list of an edition, and decisions on flagged cases. Finance reads one
/// application they pay, in a restricted view.
/// </summary>
public sealed class ApplicationEndpoints(BearerAuthenticator auth, ApplicationReader reader, ApplicationStore applications, DocumentAccess access, TimeProvider time)
{
    public async Task<IResult> GetAsync(HttpContext http, string id)
    {
        var (caller, refusal) = await auth.RequireAnyAsync(http, Roles.Staff, Roles.Finance);
        if (refusal is not null)
        {
            return refusal;
        }

        var app = await applications.FindAsync(id, http.RequestAborted);
        if (app is null)
        {
            return Problems.NotFound("application");
        }

        http.Response.Headers.CacheControl = "no-store";
        if (caller!.Roles.Contains(Roles.Staff))
        {
            // Staff read every document: each carries a fresh short-lived link issued to this staff member.
            var staff = DocumentAccess.Staff(caller.Subject);
            var view = await reader.ReadAsync(app, http.RequestAborted);
            view = view with { Documents = [.. view.Documents.Select(d => d with { DownloadUrl = access.Link(id, view.Edition, d.Type, staff).Url })] };
            return TypedResults.Json(view, Json.Options);
        }

        // Finance pays awards: an application without one is none of theirs.
        if (app.AwardJson is null)
        {
            return Problems.Create(403, "finance-no-award", "Finance reads only applications with an award.",
                "This application has no award, so there is nothing for finance to pay.");
        }

        var finance = DocumentAccess.Finance(caller.Subject);
        var paid = await reader.ReadForFinanceAsync(app, http.RequestAborted);
        paid = paid with { Documents = [.. paid.Documents.Where(d => DocumentAccess.MayRead(finance, app, d.Type))
            .Select(d => d with { DownloadUrl = access.Link(id, app.Edition, d.Type, finance).Url })] };
        return TypedResults.Json(paid, Json.Options);
    }

    public async Task<IResult> ListAsync(HttpContext http)
    {
        var (_, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var query = http.Request.Query;
        var edition = query["edition"].ToString();
        if (string.IsNullOrEmpty(edition))
        {
            return Problems.Invalid("edition", "Required: the edition to list.");
        }

        var errors = new Dictionary<string, string[]>();
        var status = query["status"].ToString();
        var region = query["region"].ToString();
        var sector = query["sector"].ToString();
        if (status.Length > 0 && !Statuses.All.ContainsKey(status))
        {
            errors["status"] = ["Unknown status."];
        }

        if (region.Length > 0 && !Regions.All.ContainsKey(region))
        {
            errors["region"] = ["Use a region code MA-01 to MA-12."];
        }

        if (sector.Length > 0 && !Sectors.All.ContainsKey(sector))
        {
            errors["sector"] = ["Unknown sector."];
        }

        var pageSize = 100;
        if (query.ContainsKey("pageSize") && (!int.TryParse(query["pageSize"], out pageSize) || pageSize is < 1 or > 1000))
        {
            errors["pageSize"] = ["Between 1 and 1000."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var filters = new List<string>();
        if (status.Length > 0)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        if (region.Length > 0)
        {
            filters.Add(TableClient.CreateQueryFilter($"Region eq {region}"));
        }

        if (sector.Length > 0)
        {
            filters.Add(TableClient.CreateQueryFilter($"Sector eq {sector}"));
        }

        var continuation = query["continuationToken"].ToString();
        var (page, next) = await applications.PageAsync(edition, filters, pageSize, string.IsNullOrEmpty(continuation) ? null : continuation, http.RequestAborted);
        var items = page.Select(Summarize).ToList();
        return TypedResults.Json(new { edition, count = items.Count, items, continuationToken = next }, Json.Options);
    }

    /// <summary>Staff settle a case waiting for them; the stage's orchestration takes it from there.</summary>
    public async Task<IResult> DecideAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (caller, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var (request, problem) = await JsonBody.ReadAsync<DecisionRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (request!.Decision is not ("approve" or "reject"))
        {
            errors["decision"] = ["Use approve or reject."];
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000)
        {
            errors["reason"] = ["Required: why, in at most 1000 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var app = await applications.FindAsync(id, http.RequestAborted);
        if (app is null)
        {
            return Problems.NotFound("application");
        }

        if (app.Status != Statuses.AwaitingStaffReview || app.ReviewStage is null)
        {
            return Problems.Conflict("not-awaiting-decision", "This application is not waiting for a staff decision.", $"Its status is {app.Status}.");
        }

        // One decision per stage: the history row, keyed by the stage, is the lock; two staff deciding at once cannot both win.
        var actor = "staff:" + caller!.Subject;
        var key = $"decision-{app.ReviewStage}";
        var recorded = await applications.TryRecordDecisionAsync(new HistoryEntity
        {
            PartitionKey = id,
            RowKey = key,
            At = time.GetUtcNow(),
            Status = app.Status,
            Actor = actor,
            Reason = $"{request.Decision}: {request.Reason!.Trim()}",
        }, http.RequestAborted);
        if (!recorded)
        {
            // The same decision sent again (a retry after a failure) is delivered again; another one is refused.
            var first = await applications.FindHistoryLineAsync(id, key, http.RequestAborted);
            if (first is null || first.Actor != actor || first.Reason != $"{request.Decision}: {request.Reason!.Trim()}")
            {
                return Problems.Conflict("already-decided", "A decision was already taken at this stage.");
            }
        }

        await client.RaiseEventAsync(ApplicationIds.Instance(id), nameof(StaffDecision),
            new StaffDecision(key, request.Decision == "approve", request.Reason.Trim(), actor, app.ReviewStage), http.RequestAborted);
        return TypedResults.Accepted((string?)null, new { applicationId = id, stage = app.ReviewStage, decision = request.Decision });
    }

    static ApplicationSummary Summarize(ApplicationEntity a)
    {
        var applicant = a.ReadApplicant();
        var project = a.ReadProject();
        // Funder and agreement state let the console filter by funder and find agreements waiting for a countersignature.
        var funder = a.AwardJson is null ? null : JsonSerializer.Deserialize<Award>(a.AwardJson, Json.Options)?.Funder;
        return new ApplicationSummary(a.ApplicationId, a.Status, a.ApplicantType, applicant.Name, a.Region, a.Sector, project.Title,
            Money.ToDirhams(a.RequestedCentimes), a.Rural, a.WomenLed, a.SubmittedAt, a.UpdatedAt, funder, a.AgreementState);
    }
}

public sealed record DecisionRequest(string? Decision, string? Reason);

public sealed record ApplicationSummary(string ApplicationId, string Status, string ApplicantType, string ApplicantName, string Region, string Sector,
    string ProjectTitle, decimal RequestedAmount, bool Rural, bool WomenLed, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt,
    string? Funder = null, string? AgreementState = null);
