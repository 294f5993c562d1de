using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Email;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Texts;

namespace Mouazara.Documents;

/// <summary>Emails the applicant one signed upload link per missing document (or the reminder of it).</summary>
[DurableTask(nameof(SendDocumentsRequest))]
public sealed class SendDocumentsRequest(DocumentChecklist checklist, ApplicationStore applications, SignedLinks links, EmailSender email)
    : TaskActivity<DocumentsRequest, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, DocumentsRequest request)
    {
        var missing = await checklist.MissingAsync(request.Edition, request.ApplicationId);
        if (missing.Count == 0)
        {
            return 0;
        }

        var app = await applications.GetAsync(request.Edition, request.ApplicationId);
        await SendAsync(links, email, app, missing, request.Deadline, request.Reminder);
        return missing.Count;
    }

    /// <summary>The request (or its reminder) for <paramref name="missing"/>, sent once per application and kind.</summary>
    public static Task SendAsync(SignedLinks links, EmailSender email, ApplicationEntity app, IReadOnlyList<string> missing, DateTimeOffset deadline, bool reminder)
    {
        var applicant = app.ReadApplicant();
        var language = app.ApplicantLanguage;
        var uploadLinks = missing
            .Select(type => new EmailLink(DocumentTypes.All[type], links.Upload(app.ApplicationId, app.Edition, type, Stages.Documents, deadline)))
            .Append(new EmailLink(PageTexts.Shell.TrackApplication, links.Status(app.ApplicationId, app.Edition, app.SubmittedAt)))
            .ToList();
        var message = Templates.DocumentsRequest(language, app.ApplicationId, deadline, uploadLinks, reminder);
        var key = reminder ? "documents-reminder" : "documents-request";
        return email.SendAsync(new OutgoingEmail(app.ApplicationId, key, applicant.Email, key, language.Code(), message.Subject, message.Html, message.Text));
    }
}
