using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Committee;

/// <summary>
/// <c>/api/revisions/{token}</c>: a reviewer's consensus round. GET shows the other reviewers' scores per criterion and
/// their comments, without names, beside the reviewer's own vote; POST revises that vote once, or keeps it.
/// </summary>
public sealed class RevisionEndpoints(LinkTokens tokens, RevisionStore revisions, ReviewStore reviews, ApplicationStore applications, EditionStore editions,
    TimeProvider time)
{
    public async Task<IResult> PageAsync(HttpContext http, string token)
    {
        var (row, member, app, committee, refusal) = await AuthorizeAsync(http, token);
        if (refusal is not null)
        {
            return refusal;
        }

        Languages.TryParse(member!.Language, out var l);
        return Page.Render(l, ConsensusTexts.RevisionTitle.In(l), await BodyAsync(row!, member, app!, committee!, l, null, null, http.RequestAborted));
    }

    async Task<string> BodyAsync(RevisionEntity row, CommitteeMember member, ApplicationEntity app, CommitteeConfig committee, Language l,
        RevisionRequest? entered, IReadOnlyDictionary<string, string[]>? errors, CancellationToken cancellationToken)
    {
        var ballots = (await reviews.ListVotesAsync(app.ApplicationId, cancellationToken)).ToList();
        var own = ballots.FirstOrDefault(b => b.RowKey == member.Id);
        // Others by score, never by id or name: the order says nothing of who wrote what.
        var others = ballots.Where(b => b.RowKey != member.Id).OrderByDescending(b => b.Score).ThenBy(b => b.ScoresJson, StringComparer.Ordinal).ToList();
        var scores = (VoteEntity? b) => b is null ? new Dictionary<string, int>() : JsonSerializer.Deserialize<Dictionary<string, int>>(b.ScoresJson, Json.Options)!;

        var body = new StringBuilder();
        if (errors is not null)
        {
            var message = errors.Keys.Any(k => k.StartsWith("comments.", StringComparison.Ordinal)) ? PageTexts.Review.CommentRequired : PageTexts.Review.Incomplete;
            body.Append("<p class=\"error\" role=\"alert\">").Append(Page.Encode(message.In(l))).Append("</p>");
        }

        body.Append("<p>").Append(Page.Encode(PageTexts.Review.Dear.In(l) + member.Name)).Append("</p><dl>")
            .Append("<dt>").Append(Page.Encode(PageTexts.Review.ApplicationNumber.In(l))).Append("</dt><dd>").Append(Page.Typed(app.ApplicationId)).Append("</dd>")
            .Append("<dt>").Append(Page.Encode(PageTexts.Review.Project.In(l))).Append("</dt><dd>").Append(Page.Typed(app.ReadProject().Title)).Append("</dd></dl>")
            .Append("<p class=\"notice\">").Append(Page.Encode(ConsensusTexts.Diverge.In(l))).Append("</p>")
            .Append("<p>").Append(Page.Encode(ConsensusTexts.Deadline.In(l) + CasablancaTime.Format(row.ExpiresAt, l))).Append("</p>");

        // The scores side by side, the reviewer's own first.
        var columns = new List<(string Label, VoteEntity? Ballot)> { (ConsensusTexts.You.In(l), own) };
        columns.AddRange(others.Select((b, i) => (ConsensusTexts.Other(i).In(l), (VoteEntity?)b)));
        body.Append("<div style=\"overflow-x:auto\"><table class=\"consensus\"><thead><tr><th scope=\"col\">").Append(Page.Encode(ConsensusTexts.Criterion.In(l))).Append("</th>");
        foreach (var (label, _) in columns)
        {
            body.Append("<th scope=\"col\">").Append(Page.Encode(label)).Append("</th>");
        }

        body.Append("</tr></thead><tbody>");
        foreach (var criterion in committee.Criteria)
        {
            body.Append("<tr><th scope=\"row\">").Append(Page.Encode(criterion.Label.In(l))).Append(" (").Append(criterion.Max).Append(")</th>");
            foreach (var (_, ballot) in columns)
            {
                body.Append("<td>").Append(scores(ballot).TryGetValue(criterion.Id, out var s) ? s.ToString(CultureInfo.InvariantCulture) : "—").Append("</td>");
            }

            body.Append("</tr>");
        }

        body.Append("<tr class=\"total\"><th scope=\"row\">").Append(Page.Encode(ConsensusTexts.Total.In(l))).Append("</th>");
        foreach (var (_, ballot) in columns)
        {
            body.Append("<td>").Append(ballot is null ? "—" : ballot.Score + "/100").Append("</td>");
        }

        body.Append("</tr><tr><th scope=\"row\">").Append(Page.Encode(ConsensusTexts.Recommendation.In(l))).Append("</th>");
        foreach (var (_, ballot) in columns)
        {
            body.Append("<td>").Append(Page.Encode(ballot is null ? "—" : Recommend(ballot.Recommendation, l))).Append("</td>");
        }

        body.Append("</tr></tbody></table></div><h2>").Append(Page.Encode(ConsensusTexts.Comments.In(l))).Append("</h2>");
        for (var i = 0; i < others.Count; i++)
        {
            var comments = JsonSerializer.Deserialize<Dictionary<string, string>>(others[i].CommentsJson, Json.Options)!;
            body.Append("<section class=\"other\"><h3>").Append(Page.Encode(ConsensusTexts.Other(i).In(l))).Append("</h3><ul>");
            body.Append("<li>").Append(others[i].Comment.Length > 0 ? Page.Typed(others[i].Comment) : Page.Encode(ConsensusTexts.NoComment.In(l))).Append("</li>");
            foreach (var criterion in committee.Criteria.Where(c => comments.ContainsKey(c.Id)))
            {
                body.Append("<li>").Append(Page.Encode(criterion.Label.In(l))).Append(" : ").Append(Page.Typed(comments[criterion.Id])).Append("</li>");
            }

            body.Append("</ul></section>");
        }

        switch (row.State)
        {
            case RevisionStates.Revised:
                body.Append("<p class=\"notice\">").Append(Page.Encode(ConsensusTexts.Revised.In(l) + row.Score + "/100")).Append("</p>");
                break;
            case RevisionStates.Kept:
                body.Append("<p class=\"notice\">").Append(Page.Encode(ConsensusTexts.Kept.In(l))).Append("</p>");
                break;
            case RevisionStates.Closed:
                body.Append("<p class=\"error\">").Append(Page.Encode(ConsensusTexts.Closed.In(l))).Append("</p>");
                break;
            default:
                AppendForms(body, committee, l, entered ?? FromBallot(own, scores(own)), errors);
                break;
        }

        return body.ToString();
    }

    static string Recommend(string recommendation, Language l) =>
        recommendation == Recommendations.Approve ? PageTexts.Review.Approve.In(l) : PageTexts.Review.Reject.In(l);

    static RevisionRequest? FromBallot(VoteEntity? own, Dictionary<string, int> scores) => own is null ? null : new RevisionRequest
    {
        Scores = scores,
        Recommendation = own.Recommendation,
        Comment = own.Comment,
        Comments = JsonSerializer.Deserialize<Dictionary<string, string>>(own.CommentsJson, Json.Options),
    };

    /// <summary>The revision form, filled with the reviewer's first vote, then a second form that keeps it.</summary>
    static void AppendForms(StringBuilder body, CommitteeConfig committee, Language l, RevisionRequest? entered, IReadOnlyDictionary<string, string[]>? errors)
    {
        body.Append("<form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"revise\"><fieldset><legend>")
            .Append(Page.Encode(ConsensusTexts.ReviseLegend.In(l))).Append("</legend>");
        foreach (var criterion in committee.Criteria)
        {
            var id = Page.Encode(criterion.Id);
            var score = entered?.Scores is { } s && s.TryGetValue(criterion.Id, out var typed) ? typed.ToString(CultureInfo.InvariantCulture) : "";
            var comment = entered?.Comments is { } c && c.TryGetValue(criterion.Id, out var written) ? written : "";
            body.Append("<div class=\"criterion\"><label>").Append(Page.Encode(criterion.Label.In(l))).Append(" (0–").Append(criterion.Max).Append(") ")
                .Append("<input type=\"number\" name=\"score.").Append(id).Append("\" min=\"0\" max=\"").Append(criterion.Max).Append("\" required value=\"").Append(score).Append("\"></label>")
                .Append("<label>").Append(Page.Encode(PageTexts.Review.CriterionComment(VoteRules.LowestWithoutComment(criterion.Max) - 1).In(l)))
                .Append("<textarea name=\"comments.").Append(id).Append("\" maxlength=\"").Append(VoteRules.MaxCriterionComment).Append("\" dir=\"auto\">")
                .Append(Page.Encode(comment)).Append("</textarea></label>");
            if (errors is not null && errors.ContainsKey("comments." + criterion.Id))
            {
                body.Append("<p class=\"error\">").Append(Page.Encode(criterion.Label.In(l) + " : " + PageTexts.Review.CommentRequired.In(l))).Append("</p>");
            }

            body.Append("</div>");
        }

        string Checked(string value) => entered?.Recommendation == value ? " checked" : "";
        body.Append("</fieldset><fieldset><legend>").Append(Page.Encode(PageTexts.Review.Recommendation.In(l))).Append("</legend>")
            .Append("<label><input type=\"radio\" name=\"recommendation\" value=\"approve\" required").Append(Checked(Recommendations.Approve)).Append("> ").Append(Page.Encode(PageTexts.Review.Approve.In(l))).Append("</label>")
            .Append("<label><input type=\"radio\" name=\"recommendation\" value=\"reject\"").Append(Checked(Recommendations.Reject)).Append("> ").Append(Page.Encode(PageTexts.Review.Reject.In(l))).Append("</label>")
            .Append("</fieldset><label>").Append(Page.Encode(PageTexts.Review.Comment.In(l))).Append("<textarea name=\"comment\" maxlength=\"2000\" dir=\"auto\">")
            .Append(Page.Encode(entered?.Comment)).Append("</textarea></label>")
            .Append("<button type=\"submit\">").Append(Page.Encode(ConsensusTexts.Revise.In(l))).Append("</button></form>")
            .Append("<form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"keep\"><p><button type=\"submit\">")
            .Append(Page.Encode(ConsensusTexts.Keep.In(l))).Append("</button></p></form>");
    }

    public async Task<IResult> AnswerAsync(HttpContext http, DurableTaskClient client, string token)
    {
        var (row, member, app, committee, refusal) = await AuthorizeAsync(http, token);
        if (refusal is not null)
        {
            return refusal;
        }

        Languages.TryParse(member!.Language, out var l);
        var html = Page.WantsHtml(http.Request);
        if (app!.WithdrawnAt is not null)
        {
            return html ? Page.Render(l, ConsensusTexts.Closed.In(l), "", 409)
                : Problems.Conflict("evaluation-closed", "The evaluation of this application is closed.", "The application was withdrawn.");
        }

        IResult Refuse(string? state) => state is RevisionStates.Closed or null
            ? html ? Page.Render(l, ConsensusTexts.Closed.In(l), "", 409) : Problems.Conflict("evaluation-closed", "The revision round of this application is closed.")
            : html ? Page.Render(l, ConsensusTexts.Answered.In(l), "<p class=\"error\">" + Page.Encode(ConsensusTexts.OnlyOnce.In(l)) + "</p>", 409)
                : Problems.Conflict("already-revised", "This reviewer has already answered the revision round.");
        if (row!.State != RevisionStates.Open)
        {
            return Refuse(row.State);
        }

        RevisionRequest? request;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            request = new RevisionRequest { Keep = form["action"] == "keep" };
            if (request.Keep != true)
            {
                request.Scores = new Dictionary<string, int>(StringComparer.Ordinal);
                request.Comments = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var criterion in committee!.Criteria)
                {
                    if (int.TryParse(form["score." + criterion.Id], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                    {
                        request.Scores[criterion.Id] = value;
                    }

                    if (form["comments." + criterion.Id].ToString() is { Length: > 0 } text)
                    {
                        request.Comments[criterion.Id] = text;
                    }
                }

                request.Recommendation = form["recommendation"];
                request.Comment = form["comment"];
            }
        }
        else
        {
            IResult? problem;
            (request, problem) = await JsonBody.ReadAsync<RevisionRequest>(http);
            if (problem is not null)
            {
                return problem;
            }
        }

        var now = time.GetUtcNow();
        if (request!.Keep == true)
        {
            row.State = RevisionStates.Kept;
        }
        else
        {
            var (errors, written) = VoteRules.Validate(committee!.Criteria, request);
            if (errors.Count > 0)
            {
                return html ? Page.Render(l, PageTexts.Review.IncompleteTitle.In(l), await BodyAsync(row, member, app, committee!, l, request, errors, http.RequestAborted), 422)
                    : Problems.Invalid(errors);
            }

            row.State = RevisionStates.Revised;
            row.Score = request.Scores!.Values.Sum();
            row.Recommendation = request.Recommendation;
            row.ScoresJson = JsonSerializer.Serialize(request.Scores, Json.Options);
            row.CommentsJson = JsonSerializer.Serialize(written, Json.Options);
            row.Comment = request.Comment?.Trim() ?? "";
        }

        row.AnsweredAt = now;
        // The commit point, as for a vote: open to answered under the row's ETag, or refused.
        if (!await revisions.TryUpdateAsync(row, http.RequestAborted))
        {
            return Refuse((await revisions.FindAsync(row.PartitionKey, row.RowKey, http.RequestAborted))?.State);
        }

        await applications.AppendHistoryAsync(app.ApplicationId, now, "revision-" + member.Id, app.Status, "committee:" + member.Id,
            row.State == RevisionStates.Revised ? $"Vote revised ({row.Recommendation})." : "First vote kept.", http.RequestAborted);
        await client.RaiseEventAsync(ApplicationIds.Instance(app.ApplicationId), nameof(RevisionCast),
            new RevisionCast("revision-" + member.Id, member.Id), http.RequestAborted);

        var notice = row.State == RevisionStates.Revised ? ConsensusTexts.Revised.In(l) + row.Score + "/100" : ConsensusTexts.Kept.In(l);
        return html
            ? Page.Render(l, ConsensusTexts.Answered.In(l), "<p class=\"notice\">" + Page.Encode(notice) + "</p>", 201)
            : TypedResults.Created((string?)null, new { applicationId = app.ApplicationId, memberId = member.Id, state = row.State, score = row.Score, recommendation = row.Recommendation });
    }

    async Task<(RevisionEntity? Row, CommitteeMember? Member, ApplicationEntity? App, CommitteeConfig? Committee, IResult? Refusal)> AuthorizeAsync(HttpContext http, string token)
    {
        var claims = tokens.Verify(token, LinkPurposes.Revision);
        var row = claims is null ? null : await revisions.FindAsync(claims.ApplicationId, claims.MemberId!, http.RequestAborted);
        if (claims is null || row is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.TokenHash), Encoding.ASCII.GetBytes(LinkTokens.Hash(token))))
        {
            return (null, null, null, null, Page.WantsHtml(http.Request)
                ? Page.InvalidLink()
                : Problems.Unauthenticated("invalid-link", "This revision link is not valid or has expired."));
        }

        var edition = await editions.GetAsync(claims.Edition, http.RequestAborted);
        var app = await applications.FindAsync(claims.Edition, claims.ApplicationId, http.RequestAborted);
        var committee = app is null ? null : CommitteeSnapshot.Of(app, edition);
        var member = committee?.Members.FirstOrDefault(m => m.Id == claims.MemberId);
        if (member is null || app is null)
        {
            return (null, null, null, null, Problems.NotFound("revision task"));
        }

        return (row, member, app, committee, null);
    }
}

/// <summary>A reviewer's answer to the consensus round: <c>keep: true</c>, or a whole new ballot.</summary>
public sealed class RevisionRequest : VoteRequest
{
    public bool? Keep { get; set; }
}
