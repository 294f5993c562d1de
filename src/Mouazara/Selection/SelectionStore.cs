using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Mouazara.Kernel;
using Mouazara.Storage;

namespace Mouazara.Selection;

/// <summary>
/// The only door to the Selections table (each edition's round, pins and selection history) and to the proposals'
/// JSON, kept as blobs under <c>selection/</c> in the private container.
/// </summary>
public sealed class SelectionStore(MouazaraStorage storage)
{
    public Task<SelectionRoundEntity?> FindRoundAsync(string edition, CancellationToken cancellationToken = default) =>
        storage.Selections.FindAsync<SelectionRoundEntity>(edition, SelectionRoundEntity.Key, cancellationToken);

    /// <summary>Creates the round's row when it is missing, then applies a change under its ETag (false from the change leaves it).</summary>
    public async Task<SelectionRoundEntity> UpdateRoundAsync(string edition, Func<SelectionRoundEntity, bool> change, CancellationToken cancellationToken = default)
    {
        await storage.Selections.TryAddAsync(new SelectionRoundEntity { PartitionKey = edition, RowKey = SelectionRoundEntity.Key }, cancellationToken);
        return (await storage.Selections.UpdateAsync(token => FindRoundAsync(edition, token), change, cancellationToken))!;
    }

    public async Task<List<SelectionPinEntity>> PinsAsync(string edition, CancellationToken cancellationToken = default)
    {
        var pins = new List<SelectionPinEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {edition} and RowKey ge {"pin-"} and RowKey lt {"pin."}");
        await foreach (var pin in storage.Selections.QueryAsync<SelectionPinEntity>(filter, cancellationToken: cancellationToken))
        {
            pins.Add(pin);
        }

        return pins;
    }

    /// <summary>Pins an application in or out, replacing an earlier pin on it.</summary>
    public Task PinAsync(string edition, SelectionPinEntity pin, CancellationToken cancellationToken = default)
    {
        pin.PartitionKey = edition;
        pin.RowKey = "pin-" + pin.ApplicationId;
        return storage.Selections.UpsertEntityAsync(pin, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Appends to the edition's selection history; the key makes a retried write land on the same line.</summary>
    public Task AppendHistoryAsync(string edition, DateTimeOffset at, string key, string actor, string what, CancellationToken cancellationToken = default) =>
        storage.Selections.UpsertEntityAsync(new SelectionHistoryEntity
        {
            PartitionKey = edition,
            RowKey = $"history-{at.UtcDateTime:yyyyMMddTHHmmss.fffffff}Z-{key}",
            At = at,
            Actor = actor,
            What = what,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<List<SelectionHistoryEntity>> HistoryAsync(string edition, CancellationToken cancellationToken = default)
    {
        var lines = new List<SelectionHistoryEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {edition} and RowKey ge {"history-"} and RowKey lt {"history."}");
        await foreach (var line in storage.Selections.QueryAsync<SelectionHistoryEntity>(filter, cancellationToken: cancellationToken))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Writes a proposal's JSON under a name of its version; a retried write replaces it with the same content.</summary>
    public async Task<string> SaveProposalAsync(string edition, int version, SelectionProposal proposal, CancellationToken cancellationToken = default)
    {
        var name = $"selection/{edition}/proposal-{version:D4}.json";
        await storage.DocumentFiles.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(proposal, Json.Options),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
        return name;
    }

    public async Task<SelectionProposal?> ReadProposalAsync(string? blobName, CancellationToken cancellationToken = default)
    {
        if (blobName is null)
        {
            return null;
        }

        try
        {
            var content = await storage.DocumentFiles.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<SelectionProposal>(content.Value.Content, Json.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
