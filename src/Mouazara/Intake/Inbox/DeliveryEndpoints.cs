using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Http;
using Mouazara.Intake.Providers;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Intake.Inbox;

/// <summary>
/// Staff's view of the intake inbox: <c>GET /api/intake/deliveries?status=rejected</c> lists what could not become
/// an application and why; <c>POST /api/intake/deliveries/{id}/reprocess</c> runs a kept delivery again, once its
/// mapping file (or the file hosts, or the edition) has been fixed.
/// </summary>
public sealed class DeliveryEndpoints(BearerAuthenticator auth, DeliveryInbox inbox, TimeProvider time)
{
    public async Task<IResult> ListAsync(HttpContext http)
    {
        var (_, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var query = http.Request.Query;
        var status = query["status"].ToString();
        var provider = query["provider"].ToString();
        var errors = new Dictionary<string, string[]>();
        if (status.Length > 0 && !DeliveryStatuses.All.Contains(status))
        {
            errors["status"] = ["Use received, accepted, rejected or ignored."];
        }

        if (provider.Length > 0 && !FormProviders.IsKnown(provider))
        {
            errors["provider"] = ["Use generic, kobo, typeform or tally."];
        }

        var pageSize = 100;
        if (query.ContainsKey("pageSize") && (!int.TryParse(query["pageSize"], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            errors["pageSize"] = ["Between 1 and 1000."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var continuation = query["continuationToken"].ToString();
        await foreach (var page in inbox.QueryAsync(status, provider, pageSize, http.RequestAborted)
            .AsPages(string.IsNullOrEmpty(continuation) ? null : continuation, pageSize))
        {
            var items = page.Values.Select(View).ToList();
            return TypedResults.Json(new { count = items.Count, items, continuationToken = page.ContinuationToken }, Json.Options);
        }

        return TypedResults.Json(new { count = 0, items = Array.Empty<DeliveryView>() }, Json.Options);
    }

    public async Task<IResult> ReprocessAsync(HttpContext http, DurableTaskClient client, string id)
    {
        var (caller, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!DeliveryInbox.TryParsePublicId(id, out var provider, out var key) || await inbox.FindAsync(provider, key, http.RequestAborted) is not { } row)
        {
            return Problems.NotFound("delivery");
        }

        switch (row.Status)
        {
            case DeliveryStatuses.Accepted:
                return Problems.Conflict("already-accepted", "This delivery is already an application.", null,
                    new Dictionary<string, object?> { ["applicationId"] = row.ApplicationId });
            case DeliveryStatuses.Ignored:
                return Problems.Conflict("not-a-submission", "This delivery is not a submission and is never processed.");
            case DeliveryStatuses.Received when await DeliveryInbox.IsProcessingAsync(client, row, http.RequestAborted):
                return Problems.Conflict("in-progress", "This delivery is being processed; look again in a moment.");
        }

        // One more attempt, claimed under the row's ETag: two staff clicking at once make one attempt, not two.
        var attempt = row.Attempt;
        var actor = "staff:" + caller!.Subject;
        var updated = await inbox.UpdateAsync(provider, key, r =>
        {
            if (r.Attempt != attempt || r.Status == DeliveryStatuses.Accepted)
            {
                return false;
            }

            r.Attempt = attempt + 1;
            r.Status = DeliveryStatuses.Received;
            r.ReasonsJson = null;
            r.ReprocessedBy = actor;
            r.ReprocessedAt = time.GetUtcNow();
            return true;
        }, http.RequestAborted);
        if (updated is null || updated.Attempt != attempt + 1 || updated.ReprocessedBy != actor)
        {
            return Problems.Conflict("reprocess-conflict", "Someone re-processed this delivery at the same moment.");
        }

        await DeliveryInbox.EnsureProcessingAsync(client, updated, http.RequestAborted);
        return TypedResults.Accepted((string?)null, View(updated));
    }

    static DeliveryView View(DeliveryEntity row)
    {
        var outcomes = Read<List<FileOutcome>>(row.FileOutcomesJson)?.ToDictionary(o => o.Type, StringComparer.Ordinal);
        var files = DeliveryInbox.Files(row)
            .Select(f => new DeliveryFileView(f.Type, f.FileName, outcomes?.GetValueOrDefault(f.Type)?.Stored, outcomes?.GetValueOrDefault(f.Type)?.Reason))
            .ToList();
        return new DeliveryView(DeliveryInbox.PublicId(row.Provider, row.Key), row.Provider, row.Status, row.Attempt, row.ReceivedAt, row.UpdatedAt,
            row.FormId, row.Edition, row.ApplicationId, Read<Dictionary<string, string[]>>(row.ReasonsJson),
            row.Status == DeliveryStatuses.Rejected ? Read<List<string>>(row.QuestionsJson) : null,
            files.Count == 0 ? null : files, row.ReprocessedBy, row.ReprocessedAt);
    }

    static T? Read<T>(string? json)
        where T : class
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Json.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A kept delivery as staff see it: where it stands and why, never the applicant's answers.</summary>
public sealed record DeliveryView(
    string Id,
    string Provider,
    string Status,
    int Attempt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    string? FormId,
    string? Edition,
    string? ApplicationId,
    Dictionary<string, string[]>? Reasons,
    IReadOnlyList<string>? Questions,
    IReadOnlyList<DeliveryFileView>? Files,
    string? ReprocessedBy,
    DateTimeOffset? ReprocessedAt);

public sealed record DeliveryFileView(string Type, string FileName, bool? Stored, string? Reason);
