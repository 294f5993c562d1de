




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
        return Missing(config, app, await documents.ListAsync(applicationId));
    }

    /// <summary>The edition's required documents for the applicant's type that are not among <paramref name="present"/>.</summary>
    public static List<string> Missing(Edition config, ApplicationEntity app, IEnumerable<DocumentEntity> present)
    {
        var types = present.Select(d => d.RowKey).ToHashSet(StringComparer.Ordinal);
        return config.RequiredDocumentsFor(app.ApplicantType).Where(d => !types.Contains(d)).ToList();
    }
}
