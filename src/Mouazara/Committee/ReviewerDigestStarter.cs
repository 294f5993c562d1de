using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Editions;

namespace Mouazara.Committee;

/// <summary>Starts an edition's reviewers' digest when the edition is saved, once (<see cref="StartOnce"/>): it then runs on its own timer.</summary>
public sealed class ReviewerDigestStarter : IEditionSaved
{
    public Task SavedAsync(DurableTaskClient client, Edition edition, CancellationToken cancellationToken) =>
        StartOnce.RunAsync(client, nameof(ReviewerDigest), ReviewerDigest.Instance(edition.Id), new ReviewerDigestInput(edition.Id), cancellationToken);
}
