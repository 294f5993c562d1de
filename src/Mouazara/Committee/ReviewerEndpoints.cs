using System.Text;
using Microsoft.AspNetCore.Http;
using Mouazara.Editions;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Committee;

/// <summary>
/// <c>GET /api/reviewers/{token}</c>: a reviewer's own page for one edition, from the signed link of their digest:
/// their pending reviews (first round or consensus round) with a link to each, then those done. Read only.
/// </summary>
public sealed class ReviewerEndpoints(LinkTokens tokens, EditionStore editions, ReviewerTasks reviewerTasks)
{
    public async Task<IResult> PageAsync(HttpContext http, string token)
    {
        var claims = tokens.Verify(token, LinkPurposes.Reviewer);
        var edition = claims?.MemberId is null ? null : await editions.FindAsync(claims.Edition, http.RequestAborted);
        if (claims is null || edition is null)
        {
            return Page.WantsHtml(http.Request) || !WantsJson(http.Request)
                ? Page.InvalidLink()
                : Problems.Unauthenticated("invalid-link", "This reviewer link is not valid or has expired.");
        }

        var tasks = await reviewerTasks.ListAsync(edition.Id, claims.MemberId!, http.RequestAborted);
        var member = edition.Committee.Members.FirstOrDefault(m => m.Id == claims.MemberId);
        if (member is null && tasks.Count == 0)
        {
            return Problems.NotFound("reviewer");
        }

        if (WantsJson(http.Request))
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Json(new { edition = edition.Id, memberId = claims.MemberId, tasks }, Json.Options);
        }

        Languages.TryParse(member?.Language, out var l);
        var body = new StringBuilder();
        if (member is not null)
        {
            body.Append("<p>").Append(Page.Encode(PageTexts.Review.Dear.In(l) + member.Name)).Append("</p>");
        }

        body.Append("<p>").Append(Page.Typed(edition.Name.In(l))).Append("</p>");
        Section(body, l, ConsensusTexts.Pending, ConsensusTexts.NonePending, "pending", tasks.Where(t => t.Pending).ToList(), pending: true);
        Section(body, l, ConsensusTexts.Done, ConsensusTexts.NoneDone, "done", tasks.Where(t => !t.Pending).ToList(), pending: false);
        return Page.Render(l, ConsensusTexts.ReviewerTitle.In(l), body.ToString());
    }

    static void Section(StringBuilder body, Language l, Bilingual title, Bilingual none, string css, IReadOnlyList<ReviewerTask> tasks, bool pending)
    {
        body.Append("<h2>").Append(Page.Encode(title.In(l))).Append("</h2>");
        if (tasks.Count == 0)
        {
            body.Append("<p>").Append(Page.Encode(none.In(l))).Append("</p>");
            return;
        }

        body.Append("<ul class=\"tasks ").Append(css).Append("\">");
        foreach (var task in tasks)
        {
            body.Append("<li data-application=\"").Append(Page.Encode(task.ApplicationId)).Append("\"><strong>").Append(Page.Typed(task.ApplicationId)).Append("</strong> — ")
                .Append(Page.Typed(task.ProjectTitle)).Append("<br>");
            var revising = task.Revision is { State: RevisionStates.Open } && pending;
            if (revising)
            {
                body.Append(Page.Encode(ConsensusTexts.RevisionRound.In(l) + " — " + ConsensusTexts.Until.In(l) + CasablancaTime.Format(task.Revision!.Deadline, l)));
                Link(body, task.Revision.Url, ConsensusTexts.OpenRevision.In(l));
            }
            else if (pending)
            {
                body.Append(Page.Encode(ConsensusTexts.Until.In(l) + CasablancaTime.Format(task.Deadline, l)));
                Link(body, task.ReviewUrl, ConsensusTexts.OpenReview.In(l));
            }
            else
            {
                var score = task.Revision is { State: RevisionStates.Revised, Score: { } revised } ? revised : task.Score;
                body.Append(Page.Encode(score is { } s ? ConsensusTexts.Voted.In(l) + s + "/100" : ConsensusTexts.ClosedUnvoted.In(l)));
                Link(body, task.ReviewUrl, ConsensusTexts.OpenReview.In(l));
            }

            body.Append("</li>");
        }

        body.Append("</ul>");
    }

    static void Link(StringBuilder body, Uri? url, string label)
    {
        if (url is not null)
        {
            body.Append(" <a href=\"").Append(Page.Encode(url.ToString())).Append("\">").Append(Page.Encode(label)).Append("</a>");
        }
    }

    static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}
