




using Mouazara.Applications;
using Mouazara.Editions;

namespace Mouazara.Documents;

/// <summary>Which required documents an application still lacks.</summary>
public sealed class DocumentChecklist(DocumentStore documents, ApplicationStore applications, EditionStore editions)
{
    public async Task<List<string>> MissingAsync(string edition, string applicationId)
    {
        var config = await editions.GetAsync(edition);
        var app = await applications.GetAsync(edition, applicationId);
        var present = (await documents.ListAsync(applicationId)).Select(d => d.RowKey).ToHashSet(StringComparer.Ordinal);
        return config.RequiredDocumentsFor(app.ApplicantType).Where(d => !present.Contains(d)).ToList();
    }
}
