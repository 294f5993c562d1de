using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;

namespace Mouazara.Documents;

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
