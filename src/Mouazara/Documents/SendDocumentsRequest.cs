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
        var applicant = app.ReadApplicant();
        var language = app.ApplicantLanguage;
        var uploadLinks = missing
            .Select(type => new EmailLink(DocumentTypes.All[type], links.Upload(request.ApplicationId, request.Edition, type, Stages.Documents, request.Deadline)))
            .Append(new EmailLink(PageTexts.Shell.TrackApplication, links.Status(request.ApplicationId, request.Edition, app.SubmittedAt)))
            .ToList();
        var message = Templates.DocumentsRequest(language, request.ApplicationId, request.Deadline, uploadLinks, request.Reminder);
        var key = request.Reminder ? "documents-reminder" : "documents-request";
        await email.SendAsync(new OutgoingEmail(request.ApplicationId, key, applicant.Email, key, language.Code(), message.Subject, message.Html, message.Text));
        return missing.Count;
    }
}
