using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Editions;

namespace Mouazara.Selection;

/// <summary>Starts an edition's selection round when the edition is saved, once: the round then waits for the call to close.</summary>
public sealed class SelectionRoundStarter : IEditionSaved
{
    public Task SavedAsync(DurableTaskClient client, Edition edition, CancellationToken cancellationToken) =>
        StartAsync(client, edition, cancellationToken);

    public static Task StartAsync(DurableTaskClient client, Edition edition, CancellationToken cancellationToken) =>
        StartOnce.RunAsync(client, nameof(SelectionRound), SelectionRoundStatuses.Instance(edition.Id),
            new SelectionRoundInput(edition.Id, ReadClosing.ClosingOf(edition)), cancellationToken);
}
