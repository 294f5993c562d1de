using System.Text;
using Microsoft.AspNetCore.Http;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Lifecycle;

/// <summary>
/// <c>GET /api/status/{token}</c>: the applicant's own view, from the signed link in their emails. It shows
/// where the application stands and what is expected of them, and nothing about the committee's members.
/// </summary>
public sealed class StatusEndpoints(LinkTokens tokens, ApplicationReader reader, ApplicationStore applications, DocumentChecklist checklist)
{
    public async Task<IResult> GetAsync(HttpContext http, string token)
    {
        var claims = tokens.Verify(token, LinkPurposes.Status);
        var app = claims is null ? null : await applications.FindAsync(claims.Edition, claims.ApplicationId, http.RequestAborted);
        if (app is null)
        {
            return Page.WantsHtml(http.Request)
                ? Page.InvalidLink()
                : Problems.Unauthenticated("invalid-link", "This link is not valid or has expired.");
        }

        var view = await reader.ReadAsync(app, http.RequestAborted);
        var missing = app.Status == Statuses.AwaitingDocuments ? await checklist.MissingAsync(app.Edition, app.ApplicationId) : [];
        var status = new
        {
            view.ApplicationId,
            view.Edition,
            view.Status,
            view.StatusLabel,
            view.SubmittedAt,
            view.UpdatedAt,
            view.DeadlineAt,
            ProjectTitle = view.Project.Title,
            MissingDocuments = missing.Select(type => new { Type = type, Label = DocumentTypes.All[type] }).ToList(),
            Documents = view.Documents.Select(d => new { d.Type, d.FileName, d.UploadedAt }).ToList(),
            Eligibility = view.Eligibility,
            Award = view.Award,
            History = view.History.Select(h => new { h.At, h.Status, Label = Statuses.All.GetValueOrDefault(h.Status) }).ToList(),
        };
        if (!Page.WantsHtml(http.Request))
        {
            return TypedResults.Json(status, Json.Options);
        }

        var language = app.ApplicantLanguage;
        var body = new StringBuilder();
        body.Append("<dl><dt>").Append(Page.Encode(PageTexts.Status.ApplicationNumber.In(language))).Append("</dt><dd>").Append(Page.Encode(view.ApplicationId)).Append("</dd>")
            .Append("<dt>").Append(Page.Encode(PageTexts.Status.Project.In(language))).Append("</dt><dd>").Append(Page.Encode(view.Project.Title)).Append("</dd>")
            .Append("<dt>").Append(Page.Encode(PageTexts.Status.State.In(language))).Append("</dt><dd><strong>").Append(Page.Encode(view.StatusLabel.In(language))).Append("</strong></dd>");
        if (view.DeadlineAt is { } deadline && !Statuses.IsFinal(view.Status))
        {
            body.Append("<dt>").Append(Page.Encode(PageTexts.Status.Deadline.In(language))).Append("</dt><dd>").Append(Page.Encode(CasablancaTime.Format(deadline, language))).Append("</dd>");
        }

        body.Append("</dl>");
        if (missing.Count > 0)
        {
            body.Append("<p class=\"notice\">").Append(Page.Encode(PageTexts.Status.MissingDocuments.In(language)))
                .Append("</p><ul>");
            foreach (var type in missing)
            {
                body.Append("<li>").Append(Page.Encode(DocumentTypes.All[type].In(language))).Append("</li>");
            }

            body.Append("</ul>");
        }

        body.Append("<h2>").Append(Page.Encode(PageTexts.Status.Steps.In(language))).Append("</h2><ol>");
        foreach (var line in view.History)
        {
            body.Append("<li>").Append(Page.Encode(CasablancaTime.Format(line.At, language))).Append(" — ")
                .Append(Page.Encode(Statuses.All.GetValueOrDefault(line.Status)?.In(language) ?? line.Status)).Append("</li>");
        }

        body.Append("</ol>");
        return Page.Render(language, PageTexts.Status.Title.In(language), body.ToString());
    }
}
