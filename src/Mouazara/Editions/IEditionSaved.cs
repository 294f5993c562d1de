using Microsoft.DurableTask.Client;

namespace Mouazara.Editions;

/// <summary>
/// What follows from an edition being saved, decided by the stages above this layer: the selection round starts so
/// that its timer closes the call at the edition's closing.
/// </summary>
public interface IEditionSaved
{
    Task SavedAsync(DurableTaskClient client, Edition edition, CancellationToken cancellationToken);
}
