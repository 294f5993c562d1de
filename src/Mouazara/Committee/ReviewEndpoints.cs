using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Committee;

/// <summary>
/// <c>/api/reviews/{token}</c>: a committee member's review task. GET and HEAD only read (mail scanners
/// open links before people do); POST records the member's scores and recommendation, once.
/// </summary>
public sealed class ReviewEndpoints(LinkTokens tokens, ReviewStore reviews, ApplicationStore applications, EditionStore editions,
    DocumentStore documents, DocumentAccess access, TimeProvider time)
{
    public async Task<IResult> PageAsync(HttpContext http, string token)
    {
        var (task, member, app, edition, refusal) = await AuthorizeAsync(http, token);
        if (refusal is not null)
        {
            return refusal;
        }

        Languages.TryParse(member!.Language, out var l);
        if (ReviewTaskStates.Withdrawn(task!.State))
        {
            return ConflictEndpoints.Withdrawn(true, l, task.State);
        }

        return Page.Render(l, PageTexts.Review.Title.In(l), await BodyAsync(task, member, app!, edition!, l, null, null, http.RequestAborted, token));
    }

    /// <summary>
    /// The review page: the project, the eligibility verdicts, the documents, then the vote or the form. After a refused
    /// form the same page comes back with what the member typed and the reason beside each field.
    /// </summary>
    async Task<string> BodyAsync(ReviewTaskEntity task, CommitteeMember member, ApplicationEntity app, Edition edition, Language l,
        VoteRequest? entered, IReadOnlyDictionary<string, string[]>? errors, CancellationToken cancellationToken, string token = "")
    {
        var project = JsonSerializer.Deserialize<Project>(app.ProjectJson, Json.Options)!;
        var applicant = app.ReadApplicant();
        string Yes(bool value) => value ? PageTexts.Shell.Yes.In(l) : PageTexts.Shell.No.In(l);

        var body = new StringBuilder();
        if (errors is not null)
        {
            var message = errors.Keys.Any(k => k.StartsWith("comments.", StringComparison.Ordinal)) ? PageTexts.Review.CommentRequired : PageTexts.Review.Incomplete;
            body.Append("<p class=\"error\" role=\"alert\">").Append(Page.Encode(message.In(l))).Append("</p>");
        }

        body.Append("<p>").Append(Page.Encode(PageTexts.Review.Dear.In(l) + member.Name)).Append("</p><dl>");
        void Row(string label, string value) => body.Append("<dt>").Append(Page.Encode(label)).Append("</dt><dd>").Append(Page.Typed(value)).Append("</dd>");
        Row(PageTexts.Review.ApplicationNumber.In(l), app.ApplicationId);
        Row(PageTexts.Review.Project.In(l), project.Title);
        Row(PageTexts.Review.Applicant.In(l), applicant.Name + " (" + ApplicantTypes.All[applicant.Type].In(l) + ")");
        Row(PageTexts.Review.Region.In(l), Regions.All[applicant.Region].In(l) + " — " + applicant.Commune + (applicant.Rural ? PageTexts.Review.Rural.In(l) : ""));
        Row(PageTexts.Review.Sector.In(l), Sectors.All[project.Sector].In(l));
        Row(PageTexts.Review.RequestedAmount.In(l), Money.Format(app.RequestedCentimes, l));
        Row(PageTexts.Review.TotalBudget.In(l), Money.Format((long)(project.TotalBudget * Money.CentimesPerDirham), l));
        Row(PageTexts.Review.WomenLed.In(l), Yes(project.WomenLed));
        Row(PageTexts.Review.YouthLed.In(l), Yes(project.YouthLed));
        Row(PageTexts.Review.Jobs.In(l), project.JobsCreated + " / " + project.JobsMaintained);
        body.Append("</dl><h2>").Append(Page.Encode(PageTexts.Review.Summary.In(l))).Append("</h2><p dir=\"auto\">").Append(Page.Encode(project.Summary)).Append("</p>");
        AppendEligibility(body, app, l);
        // A panel reviewer sees the documents and the form once they have declared no conflict of interest.
        var declaring = task.Panel && task.ConflictDeclaredAt is null && task.State == ReviewTaskStates.Open;
        if (!declaring)
        {
            await AppendDocumentsAsync(body, app, member, l, cancellationToken);
        }

        var vote = task.Vote;
        if (vote is not null)
        {
            body.Append("<p class=\"notice\">").Append(Page.Encode(PageTexts.Review.VoteRecorded.In(l)
                + vote.Score + "/100" + PageTexts.Review.Separator.In(l) + (vote.Recommendation == Recommendations.Approve ? PageTexts.Review.Favourable.In(l) : PageTexts.Review.Unfavourable.In(l)))).Append("</p>");
        }
        else if (task.State != ReviewTaskStates.Open)
        {
            body.Append("<p class=\"error\">").Append(Page.Encode(PageTexts.Review.Closed.In(l))).Append("</p>");
        }
        else if (declaring)
        {
            body.Append(ConflictEndpoints.Form(token, l));
        }
        else
        {
            if (task.Panel)
            {
                body.Append("<p class=\"declared\">").Append(Page.Encode(ConflictTexts.Declared.In(l))).Append("</p>");
            }

            AppendForm(body, edition, l, entered, errors);
        }

        return body.ToString();
    }

    /// <summary>The eligibility check's verdict per rule, with its message in the member's language.</summary>
    static void AppendEligibility(StringBuilder body, ApplicationEntity app, Language l)
    {
        body.Append("<h2>").Append(Page.Encode(PageTexts.Review.Eligibility.In(l))).Append("</h2>");
        var eligibility = app.ReadEligibility();
        if (eligibility is null)
        {
            body.Append("<p>").Append(Page.Encode(PageTexts.Review.NoEligibility.In(l))).Append("</p>");
            return;
        }

        var outcome = eligibility.Eligible switch
        {
            true => PageTexts.Review.Eligible,
            false => PageTexts.Review.Ineligible,
            null => PageTexts.Review.EligibilityUnclear,
        };
        body.Append("<p class=\"eligibility-outcome\"><strong>").Append(Page.Encode(outcome.In(l))).Append("</strong></p><ul class=\"eligibility\">");
        foreach (var rule in eligibility.Rules)
        {
            var verdict = rule.Verdict switch
            {
                "pass" => PageTexts.Review.VerdictPass,
                "fail" => PageTexts.Review.VerdictFail,
                _ => PageTexts.Review.VerdictUnclear,
            };
            body.Append("<li class=\"verdict-").Append(Page.Encode(rule.Verdict)).Append("\"><strong>").Append(Page.Encode(verdict.In(l))).Append("</strong> — ")
                .Append(Page.Encode(l == Language.Ar ? rule.MessageAr : rule.MessageFr)).Append("</li>");
        }

        body.Append("</ul>");
    }

    /// <summary>One block per criterion: its score field, the edition's guidance under it, and the criterion's own comment.</summary>
    static void AppendForm(StringBuilder body, Edition edition, Language l, VoteRequest? entered, IReadOnlyDictionary<string, string[]>? errors)
    {
        body.Append("<form method=\"post\"><fieldset><legend>").Append(Page.Encode(PageTexts.Review.Scoring.In(l))).Append("</legend>");
        foreach (var criterion in edition.Committee.Criteria)
        {
            var id = Page.Encode(criterion.Id);
            var score = entered?.Scores is { } scores && scores.TryGetValue(criterion.Id, out var typed) ? typed.ToString(CultureInfo.InvariantCulture) : "";
            var comment = entered?.Comments is { } comments && comments.TryGetValue(criterion.Id, out var written) ? written : "";
            body.Append("<div class=\"criterion\"><label>").Append(Page.Encode(criterion.Label.In(l))).Append(" (0–").Append(criterion.Max).Append(") ")
                .Append("<input type=\"number\" name=\"score.").Append(id).Append("\" min=\"0\" max=\"").Append(criterion.Max).Append("\" required value=\"").Append(score).Append('"');
            if (criterion.Guidance is not null)
            {
                body.Append(" aria-describedby=\"guidance-").Append(id).Append('"');
            }

            body.Append("></label>");
            if (criterion.Guidance is { } guidance)
            {
                body.Append("<p class=\"guidance\" id=\"guidance-").Append(id).Append("\">").Append(Page.Encode(guidance.In(l))).Append("</p>");
            }

            body.Append("<label>").Append(Page.Encode(PageTexts.Review.CriterionComment(VoteRules.LowestWithoutComment(criterion.Max) - 1).In(l)))
                .Append("<textarea name=\"comments.").Append(id).Append("\" maxlength=\"").Append(VoteRules.MaxCriterionComment).Append("\" dir=\"auto\">")
                .Append(Page.Encode(comment)).Append("</textarea></label>");
            if (errors is not null && errors.ContainsKey("comments." + criterion.Id))
            {
                var reason = comment.Length > VoteRules.MaxCriterionComment ? PageTexts.Review.CommentTooLong : PageTexts.Review.CommentRequired;
                body.Append("<p class=\"error\">").Append(Page.Encode(criterion.Label.In(l) + " : " + reason.In(l))).Append("</p>");
            }

            body.Append("</div>");
        }

        string Checked(string value) => entered?.Recommendation == value ? " checked" : "";
        body.Append("</fieldset><fieldset><legend>").Append(Page.Encode(PageTexts.Review.Recommendation.In(l))).Append("</legend>")
            .Append("<label><input type=\"radio\" name=\"recommendation\" value=\"approve\" required").Append(Checked(Recommendations.Approve)).Append("> ").Append(Page.Encode(PageTexts.Review.Approve.In(l))).Append("</label>")
            .Append("<label><input type=\"radio\" name=\"recommendation\" value=\"reject\"").Append(Checked(Recommendations.Reject)).Append("> ").Append(Page.Encode(PageTexts.Review.Reject.In(l))).Append("</label>")
            .Append("</fieldset><label>").Append(Page.Encode(PageTexts.Review.Comment.In(l))).Append("<textarea name=\"comment\" maxlength=\"2000\" dir=\"auto\">")
            .Append(Page.Encode(entered?.Comment)).Append("</textarea></label>")
            .Append("<button type=\"submit\">").Append(Page.Encode(PageTexts.Review.Save.In(l))).Append("</button></form>");
    }

    /// <summary>The application's documents, each a link issued to this member, fresh at every rendering and valid for minutes.</summary>
    async Task AppendDocumentsAsync(StringBuilder body, ApplicationEntity app, CommitteeMember member, Language l, CancellationToken cancellationToken)
    {
        var reader = DocumentAccess.Reviewer(member.Id);
        var files = (await documents.ListAsync(app.ApplicationId, cancellationToken))
            .Where(d => DocumentAccess.MayRead(reader, app, d.RowKey, linkedApplicationId: app.ApplicationId))
            .OrderBy(d => d.RowKey, StringComparer.Ordinal).ToList();
        body.Append("<h2>").Append(Page.Encode(PageTexts.Review.Documents.In(l))).Append("</h2>");
        if (files.Count == 0)
        {
            body.Append("<p>").Append(Page.Encode(PageTexts.Review.NoDocuments.In(l))).Append("</p>");
            return;
        }

        body.Append("<ul class=\"documents\">");
        foreach (var file in files)
        {
            var link = access.Link(app.ApplicationId, app.Edition, file.RowKey, reader);
            var label = DocumentTypes.All.TryGetValue(file.RowKey, out var known) ? known.In(l) : file.RowKey;
            body.Append("<li><a href=\"").Append(Page.Encode(link.Url.ToString())).Append("\" download>").Append(Page.Encode(label)).Append("</a> ")
                .Append(Page.Typed(file.FileName)).Append("</li>");
        }

        body.Append("</ul><p class=\"hint\">").Append(Page.Encode(PageTexts.Review.DocumentLinksExpire.In(l))).Append("</p>");
    }

    public async Task<IResult> VoteAsync(HttpContext http, DurableTaskClient client, string token)
    {
        var (task, member, app, edition, refusal) = await AuthorizeAsync(http, token);
        if (refusal is not null)
        {
            return refusal;
        }

        Telemetry.MouazaraTelemetry.Tag(app!.ApplicationId);
        Languages.TryParse(member!.Language, out var l);
        var html = Page.WantsHtml(http.Request);
        if (ReviewTaskStates.Withdrawn(task!.State))
        {
            return ConflictEndpoints.Withdrawn(html, l, task.State);
        }

        if (task.Panel && task.ConflictDeclaredAt is null && task.State == ReviewTaskStates.Open)
        {
            return html ? Page.Render(l, PageTexts.Review.Title.In(l), await BodyAsync(task, member, app, edition!, l, null, null, http.RequestAborted, token), 409)
                : Problems.Conflict("conflict-declaration-required", "Declare first whether you have a conflict of interest with this applicant.",
                    $"POST {{\"conflict\": false}} to /api/reviews/{{token}}/conflict, or true with an optional note to recuse.");
        }
        if (app.WithdrawnAt is not null)
        {
            // Withdrawn: the evaluation ends with the lifecycle, whatever the task's row still says.
            return html ? Page.Render(l, PageTexts.Review.ClosedTitle.In(l), "", 409)
                : Problems.Conflict("evaluation-closed", "The evaluation of this application is closed.", "The application was withdrawn.");
        }

        VoteRequest? request;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var scores = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var criterion in edition!.Committee.Criteria)
            {
                if (int.TryParse(form["score." + criterion.Id], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    scores[criterion.Id] = value;
                }
            }

            var criterionComments = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var criterion in edition.Committee.Criteria)
            {
                if (form["comments." + criterion.Id].ToString() is { Length: > 0 } text)
                {
                    criterionComments[criterion.Id] = text;
                }
            }

            request = new VoteRequest { Scores = scores, Recommendation = form["recommendation"], Comment = form["comment"], Comments = criterionComments };
        }
        else
        {
            IResult? problem;
            (request, problem) = await JsonBody.ReadAsync<VoteRequest>(http);
            if (problem is not null)
            {
                return problem;
            }
        }

        var (errors, written) = VoteRules.Validate(edition!.Committee.Criteria, request!);
        if (errors.Count > 0)
        {
            return html ? Page.Render(l, PageTexts.Review.IncompleteTitle.In(l),
                await BodyAsync(task!, member, app, edition, l, request, errors, http.RequestAborted, token), 422)
                : Problems.Invalid(errors);
        }

        var vote = new VoteEntity
        {
            PartitionKey = app!.ApplicationId,
            RowKey = member.Id,
            ScoresJson = JsonSerializer.Serialize(request!.Scores, Json.Options),
            Score = request.Scores!.Values.Sum(),
            Recommendation = request.Recommendation!,
            Comment = request.Comment?.Trim() ?? "",
            CommentsJson = JsonSerializer.Serialize(written, Json.Options),
            CastAt = time.GetUtcNow(),
        };
        // The commit point: the task turns from open to voted only if nobody (another submit, the tally) changed it since it was read.
        var refused = await CommitVoteAsync(task!, vote, http.RequestAborted);
        if (refused is not null)
        {
            if (ReviewTaskStates.Withdrawn(refused))
            {
                return ConflictEndpoints.Withdrawn(html, l, refused);
            }

            return refused == ReviewTaskStates.Closed
                ? html ? Page.Render(l, PageTexts.Review.ClosedTitle.In(l), "", 409)
                    : Problems.Conflict("evaluation-closed", "The evaluation of this application is closed.")
                : html ? Page.Render(l, PageTexts.Review.AlreadyRecordedTitle.In(l),
                    "<p class=\"error\">" + Page.Encode(PageTexts.Review.OnlyOnce.In(l)) + "</p>", 409)
                    : Problems.Conflict("already-voted", "This member has already voted on this application.");
        }

        await reviews.RecordVoteAsync(vote, http.RequestAborted);
        await applications.AppendHistoryAsync(app.ApplicationId, vote.CastAt, "vote-" + member.Id, app.Status, "committee:" + member.Id,
            $"Vote recorded ({vote.Recommendation}).", http.RequestAborted);
        await client.RaiseEventAsync(ApplicationIds.Instance(app.ApplicationId), nameof(VoteCast),
            new VoteCast("vote-" + member.Id, member.Id), http.RequestAborted);

        return html
            ? Page.Render(l, PageTexts.Review.Thanks.In(l),
                "<p class=\"notice\">" + Page.Encode(vote.Score + "/100") + "</p>", 201)
            : TypedResults.Created((string?)null, new { applicationId = app.ApplicationId, memberId = member.Id, score = vote.Score, recommendation = vote.Recommendation });
    }

    /// <summary>Records the vote on the task row under its ETag; returns the task's state when the vote is refused.</summary>
    async Task<string?> CommitVoteAsync(ReviewTaskEntity task, VoteEntity vote, CancellationToken cancellationToken)
    {
        if (task.State != ReviewTaskStates.Open)
        {
            return task.State;
        }

        task.State = ReviewTaskStates.Voted;
        task.Score = vote.Score;
        task.Recommendation = vote.Recommendation;
        task.CastAt = vote.CastAt;
        if (await reviews.TryUpdateAsync(task, cancellationToken))
        {
            return null;
        }

        var now = await reviews.FindAsync(task.PartitionKey, task.RowKey, cancellationToken);
        return now?.State ?? ReviewTaskStates.Closed;
    }

    internal async Task<(ReviewTaskEntity? Task, CommitteeMember? Member, ApplicationEntity? App, Edition? Edition, IResult? Refusal)> AuthorizeAsync(HttpContext http, string token)
    {
        var claims = tokens.Verify(token, LinkPurposes.Review);
        var task = claims is null ? null : await reviews.FindAsync(claims.ApplicationId, claims.MemberId!, http.RequestAborted);
        if (claims is null || task is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(task.TokenHash), Encoding.ASCII.GetBytes(LinkTokens.Hash(token))))
        {
            return (null, null, null, null, Page.WantsHtml(http.Request)
                ? Page.InvalidLink()
                : Problems.Unauthenticated("invalid-link", "This review link is not valid or has expired."));
        }

        var edition = await editions.GetAsync(claims.Edition, http.RequestAborted);
        var app = await applications.FindAsync(claims.Edition, claims.ApplicationId, http.RequestAborted);
        // The page and the vote follow the committee settings this application is evaluated under.
        edition = app is null ? edition : edition with { Committee = CommitteeSnapshot.Of(app, edition) };
        var member = edition.Committee.Members.FirstOrDefault(m => m.Id == claims.MemberId);
        if (member is null || app is null)
        {
            return (null, null, null, null, Problems.NotFound("review task"));
        }

        return (task, member, app, edition, null);
    }
}
