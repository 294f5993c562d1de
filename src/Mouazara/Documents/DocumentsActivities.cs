using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Email;
using Mouazara.Http;
using Mouazara.Intake;
using Mouazara.Programme;
using Mouazara.Security;
using Mouazara.Storage;

namespace Mouazara.Documents;

/// <summary>Which required documents an application still lacks.</summary>
public sealed class DocumentChecklist(MouazaraStorage storage, ApplicationStore applications, EditionStore editions)
{
    public async Task<List<string>> MissingAsync(string edition, string applicationId)
    {
        var config = await editions.GetAsync(edition);
        var app = await applications.GetAsync(edition, applicationId);
        var present = (await storage.Documents.ListAsync<DocumentEntity>(applicationId)).Select(d => d.RowKey).ToHashSet(StringComparer.Ordinal);
        return config.RequiredDocumentsFor(app.ApplicantType).Where(d => !present.Contains(d)).ToList();
    }
}

[DurableTask(nameof(OpenDocumentsStage))]
public sealed class OpenDocumentsStage(DocumentChecklist checklist, EditionStore editions, ApplicationStore applications)
    : TaskActivity<DocumentsStageInput, DocumentsStage>
{
    public override async Task<DocumentsStage> RunAsync(TaskActivityContext context, DocumentsStageInput input)
    {
        var edition = await editions.GetAsync(input.Edition);
        var (reminder, deadline) = edition.Documents.From(input.StartedAt);
        var missing = await checklist.MissingAsync(input.Edition, input.ApplicationId);
        if (missing.Count > 0)
        {
            await applications.UpdateAsync(input.Edition, input.ApplicationId, a => a.DeadlineAt = deadline);
        }

        return new DocumentsStage(missing, reminder, deadline);
    }
}

[DurableTask(nameof(FindMissingDocuments))]
public sealed class FindMissingDocuments(DocumentChecklist checklist) : TaskActivity<ApplicationRef, IReadOnlyList<string>>
{
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, ApplicationRef app) =>
        await checklist.MissingAsync(app.Edition, app.ApplicationId);
}

/// <summary>Emails the applicant one signed upload link per missing document (or the reminder of it).</summary>
[DurableTask(nameof(SendDocumentsRequest))]
public sealed class SendDocumentsRequest(DocumentChecklist checklist, ApplicationStore applications, Links links, EmailSender email)
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
            .Append(new EmailLink(new("تتبع الطلب", "Suivre ma demande"), links.Status(request.ApplicationId, request.Edition, app.SubmittedAt)))
            .ToList();
        var message = Templates.DocumentsRequest(language, request.ApplicationId, request.Deadline, uploadLinks, request.Reminder);
        var key = request.Reminder ? "documents-reminder" : "documents-request";
        await email.SendAsync(new OutgoingEmail(request.ApplicationId, key, applicant.Email, key, language.Code(), message.Subject, message.Html, message.Text));
        return missing.Count;
    }
}
