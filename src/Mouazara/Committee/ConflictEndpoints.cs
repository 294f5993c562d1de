using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Texts;

namespace Mouazara.Committee;

/// <summary>
/// <c>POST /api/reviews/{token}/conflict</c>: a panel reviewer declares, before the scoring form opens, that they have no
/// conflict of interest with the applicant (<c>{"conflict": false}</c>), or that they have one
/// (<c>{"conflict": true, "note": "…"}</c>): the review is taken from them at once and the lifecycle seats a replacement.
/// The review page posts the same fields as a form.
/// </summary>
public sealed class ConflictEndpoints(ReviewEndpoints review, ReviewStore reviews, ApplicationStore applications, Panels panels, TimeProvider time)
{
    public const int MaxNote = 1000;

    public async Task<IResult> DeclareAsync(HttpContext http, DurableTaskClient client, string token)
    {
        var (task, member, app, _, refusal) = await review.AuthorizeAsync(http, token);
        if (refusal is not null)
        {
            return refusal;
        }

        Languages.TryParse(member!.Language, out var l);
        var html = Page.WantsHtml(http.Request);
        if (!task!.Panel)
        {
            return Problems.NotFound("conflict declaration: this review is not a panel seat");
        }

        bool? conflict;
        string? note;
        var ticked = true;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            conflict = form["conflict"].ToString() switch { "yes" => true, "no" => false, _ => null };
            note = form["note"];
            ticked = form["declare"] == "yes";
        }
        else
        {
            var (body, problem) = await JsonBody.ReadAsync<ConflictDeclaration>(http);
            if (problem is not null)
            {
                return problem;
            }

            (conflict, note) = (body!.Conflict, body.Note);
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (conflict is null)
        {
            return Problems.Invalid("conflict", "Required: true to recuse, false to declare no conflict of interest.");
        }

        if (note is { Length: > MaxNote })
        {
            return Problems.Invalid("note", $"At most {MaxNote} characters.");
        }

        if (ReviewTaskStates.Withdrawn(task.State) && !(conflict.Value && task.State == ReviewTaskStates.Recused))
        {
            return Withdrawn(html, l, task.State);
        }

        if (task.State != ReviewTaskStates.Open && !ReviewTaskStates.Withdrawn(task.State))
        {
            return html ? Page.Render(l, PageTexts.Review.ClosedTitle.In(l), "", 409)
                : Problems.Conflict(task.State == ReviewTaskStates.Voted ? "already-voted" : "evaluation-closed",
                    task.State == ReviewTaskStates.Voted ? "This member has already voted on this application." : "The evaluation of this application is closed.");
        }

        var now = time.GetUtcNow();
        if (!conflict.Value)
        {
            if (!ticked)
            {
                return Page.Render(l, ConflictTexts.Heading.In(l),
                    "<p class=\"error\" role=\"alert\">" + Page.Encode(ConflictTexts.CheckboxRequired.In(l)) + "</p>" + Form(token, l), 422);
            }

            if (task.ConflictDeclaredAt is null)
            {
                task.ConflictDeclaredAt = now;
                if (!await reviews.TryUpdateAsync(task, http.RequestAborted))
                {
                    return Problems.Conflict("review-changed", "The review changed meanwhile; open the link again.");
                }

                await applications.AppendHistoryAsync(app!.ApplicationId, now, "no-conflict-" + member.Id, app.Status, "committee:" + member.Id,
                    "Declared no conflict of interest.", http.RequestAborted);
            }

            return html
                ? TypedResults.Redirect("../" + Uri.EscapeDataString(token))
                : TypedResults.Ok(new { applicationId = app!.ApplicationId, memberId = member.Id, conflictDeclaredAt = task.ConflictDeclaredAt });
        }

        var state = await panels.WithdrawTaskAsync(app!.ApplicationId, member.Id, ReviewTaskStates.Recused, note, now, http.RequestAborted);
        if (state != ReviewTaskStates.Recused)
        {
            return state == ReviewTaskStates.Voted
                ? html ? Page.Render(l, PageTexts.Review.AlreadyRecordedTitle.In(l), "", 409) : Problems.Conflict("already-voted", "This member has already voted on this application.")
                : ReviewTaskStates.Withdrawn(state ?? "") ? Withdrawn(html, l, state!)
                : html ? Page.Render(l, PageTexts.Review.ClosedTitle.In(l), "", 409) : Problems.Conflict("evaluation-closed", "The evaluation of this application is closed.");
        }

        // Raised again on a repeat: the event id is the same, and the lifecycle replaces a reviewer once.
        await client.RaiseEventAsync(ApplicationIds.Instance(app.ApplicationId), nameof(PanelChange),
            PanelChange.Of(PanelChange.Recusal, member.Id, note, "committee:" + member.Id), http.RequestAborted);
        return html
            ? Page.Render(l, ConflictTexts.RecusedTitle.In(l), "<p class=\"notice\">" + Page.Encode(ConflictTexts.Recused.In(l)) + "</p>", 200)
            : TypedResults.Accepted((string?)null, new { applicationId = app.ApplicationId, memberId = member.Id, state = ReviewTaskStates.Recused });
    }

    /// <summary>The answer to a link whose review was taken from its reviewer: a clear page, or 410 Gone.</summary>
    public static IResult Withdrawn(bool html, Language l, string state) => html
        ? Page.Render(l, state == ReviewTaskStates.Recused ? ConflictTexts.RecusedTitle.In(l) : ConflictTexts.WithdrawnTitle.In(l),
            "<p class=\"notice\">" + Page.Encode((state == ReviewTaskStates.Recused ? ConflictTexts.Recused : ConflictTexts.Reassigned).In(l)) + "</p>", 410)
        : Problems.Create(410, "review-withdrawn", "This review is no longer assigned to this member.",
            state == ReviewTaskStates.Recused ? "The member declared a conflict of interest." : "The review was given to another member.");

    /// <summary>The declaration, shown in place of the scoring form until the reviewer makes it.</summary>
    public static string Form(string token, Language l)
    {
        var action = Page.Encode(Uri.EscapeDataString(token) + "/conflict");
        return new StringBuilder()
            .Append("<section class=\"conflict\"><h2>").Append(Page.Encode(ConflictTexts.Heading.In(l))).Append("</h2><p>").Append(Page.Encode(ConflictTexts.Explain.In(l))).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(action).Append("\"><input type=\"hidden\" name=\"conflict\" value=\"no\">")
            .Append("<label><input type=\"checkbox\" name=\"declare\" value=\"yes\" required> ").Append(Page.Encode(ConflictTexts.NoConflictCheckbox.In(l))).Append("</label>")
            .Append("<button type=\"submit\">").Append(Page.Encode(ConflictTexts.Confirm.In(l))).Append("</button></form>")
            .Append("<form method=\"post\" action=\"").Append(action).Append("\"><input type=\"hidden\" name=\"conflict\" value=\"yes\">")
            .Append("<fieldset><legend>").Append(Page.Encode(ConflictTexts.HaveConflict.In(l))).Append("</legend><label>").Append(Page.Encode(ConflictTexts.NoteLabel.In(l)))
            .Append("<textarea name=\"note\" maxlength=\"").Append(MaxNote).Append("\" dir=\"auto\"></textarea></label>")
            .Append("<button type=\"submit\">").Append(Page.Encode(ConflictTexts.Recuse.In(l))).Append("</button></fieldset></form></section>")
            .ToString();
    }
}

/// <summary>The body of a conflict-of-interest declaration.</summary>
public sealed record ConflictDeclaration(bool? Conflict, string? Note);
