using Microsoft.DurableTask;
using Mouazara.Applications;

namespace Mouazara.Documents;

[DurableTask(nameof(FindMissingDocuments))]
public sealed class FindMissingDocuments(DocumentChecklist checklist) : TaskActivity<ApplicationRef, IReadOnlyList<string>>
{
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, ApplicationRef app) =>
        await checklist.MissingAsync(app.Edition, app.ApplicationId);
}
