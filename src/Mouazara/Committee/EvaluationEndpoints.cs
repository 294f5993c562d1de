using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;

namespace Mouazara.Committee;

/// <summary>
/// <c>GET /api/applications/{id}/reviews</c>: staff read every review of an application, who wrote it and what,
/// criterion by criterion, with the evaluation it adds up to.
/// </summary>
public sealed class EvaluationEndpoints(BearerAuthenticator auth, ApplicationStore applications, ReviewStore reviews, EditionStore editions, RevisionStore revisions)
{
    public async Task<IResult> GetAsync(HttpContext http, string id)
    {
        var (_, refusal) = await auth.RequireAsync(http, Roles.Staff);
        if (refusal is not null)
        {
            return refusal;
        }

        var app = await applications.FindAsync(id, http.RequestAborted);
        if (app is null)
        {
            return Problems.NotFound("application");
        }

        var current = await editions.GetAsync(app.Edition, http.RequestAborted);
        var edition = current with { Committee = CommitteeSnapshot.Of(app, current) };
        var tasks = await reviews.ListAsync(app.ApplicationId, http.RequestAborted);
        var ballots = (await reviews.ListVotesAsync(app.ApplicationId, http.RequestAborted)).ToDictionary(v => v.RowKey, StringComparer.Ordinal);
        var views = tasks.OrderBy(t => t.IssuedAt).ThenBy(t => t.RowKey, StringComparer.Ordinal).Select(task =>
        {
            var member = edition.Committee.Members.FirstOrDefault(m => m.Id == task.RowKey);
            var vote = task.Vote;
            // The ballot's detail is written just after the task row takes the vote: until then only the total is known.
            var ballot = vote is not null && ballots.TryGetValue(task.RowKey, out var b) ? b : null;
            return new ReviewView(
                new ReviewerView(task.RowKey, member?.Name, member?.Organisation),
                task.State,
                task.IssuedAt,
                vote?.CastAt,
                ballot is null ? null : JsonSerializer.Deserialize<Dictionary<string, int>>(ballot.ScoresJson, Json.Options),
                ballot is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(ballot.CommentsJson, Json.Options),
                ballot?.Comment,
                vote?.Recommendation,
                vote?.Score);
        }).ToList();

        // The consensus round, if there was one: a second row per reviewer, the first vote untouched.
        var secondRound = (await revisions.ListAsync(app.ApplicationId, http.RequestAborted)).OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r =>
        {
            var member = edition.Committee.Members.FirstOrDefault(m => m.Id == r.RowKey);
            var revised = r.State == RevisionStates.Revised;
            return new RevisionView(new ReviewerView(r.RowKey, member?.Name, member?.Organisation), 2, r.State, r.IssuedAt, r.ExpiresAt, r.AnsweredAt,
                revised && r.ScoresJson is { } scores ? JsonSerializer.Deserialize<Dictionary<string, int>>(scores, Json.Options) : null,
                revised && r.CommentsJson is { } comments ? JsonSerializer.Deserialize<Dictionary<string, string>>(comments, Json.Options) : null,
                revised ? r.Comment : null, revised ? r.Recommendation : null, revised ? r.Score : null);
        }).ToList();

        var seats = await reviews.ListAssignmentsAsync(app.Edition, app.ApplicationId, http.RequestAborted);
        var panel = seats.Count == 0 ? null : seats.OrderBy(s => s.AssignedAt).ThenBy(s => s.MemberId, StringComparer.Ordinal).Select(seat =>
        {
            var member = edition.Committee.Members.FirstOrDefault(m => m.Id == seat.MemberId);
            var task = tasks.FirstOrDefault(t => t.RowKey == seat.MemberId);
            return new SeatView(seat.MemberId, member?.Name, member?.Category, seat.State, seat.Reason, seat.AssignedAt, seat.Replaces,
                task?.ConflictDeclaredAt, seat.EndedAt, seat.EndNote, seat.EndedBy);
        }).ToList();

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new ApplicationReviews(app.ApplicationId, app.Edition, app.Status, Summarise(app, edition, tasks, Panels.Of(seats)), views, secondRound)
        {
            Panel = panel,
        }, Json.Options);
    }

    static EvaluationSummary? Summarise(ApplicationEntity app, Edition edition, IReadOnlyList<ReviewTaskEntity> tasks, AssignedPanel? panel)
    {
        var open = tasks.Count(t => t.State == ReviewTaskStates.Open);
        var committee = edition.Committee;
        if (app.EvaluationJson is not null)
        {
            var recorded = JsonSerializer.Deserialize<Evaluation>(app.EvaluationJson, Json.Options)!;
            return new EvaluationSummary(recorded.AverageScore, recorded.VotesCast, open, recorded.Members, recorded.Quorum, recorded.QuorumReached,
                committee.ScoreThreshold, recorded.Recommendation, recorded.DecidedBy, recorded.Consensus);
        }

        if (tasks.Count == 0)
        {
            return null;
        }

        IReadOnlyList<VoteView> votes = [.. tasks.Select(t => t.Vote).OfType<VoteView>()];
        var count = panel?.Count(votes, committee.ScoreThreshold) ?? Tally.Count(votes, committee.Members.Count, committee.Quorum, committee.ScoreThreshold);
        return new EvaluationSummary(count.AverageScore, count.VotesCast, open, count.Members, count.Quorum, count.QuorumReached,
            committee.ScoreThreshold, "pending", null);
    }
}
