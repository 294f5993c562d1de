using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Mouazara.Storage;

namespace Mouazara.Tests.Storage;

/// <summary>
/// What the bench and the diagnostics read as the product's storage bill, on Azurite: a write refused on its ETag is
/// counted, and counted apart, so that concurrency conflicts show as such and not as extra work.
/// </summary>
public sealed class StorageRequestCounterTests
{
    const string ConnectionString = "UseDevelopmentStorage=true";
    readonly string origin = "counter-test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_write_refused_on_its_etag_is_counted_as_a_conflict_beside_the_writes_that_landed()
    {
        var options = new TableClientOptions();
        options.AddPolicy(new StorageRequestCounter(origin, options), HttpPipelinePosition.PerRetry);
        var table = new TableServiceClient(ConnectionString, options).GetTableClient("counter" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();
        try
        {
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 1 });
            var read = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
            await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Value"] = 2 }, read.ETag, TableUpdateMode.Replace);

            var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
                table.UpdateEntityAsync(new TableEntity("p", "r") { ["Value"] = 3 }, read.ETag, TableUpdateMode.Replace));
            Assert.Equal(412, stale.Status);

            var counts = StorageRequests.Snapshot().Where(c => c.Origin == origin && c.Resource == table.Name)
                .ToDictionary(c => c.Operation, c => c.Count);
            Assert.Equal(1, counts["UpdateEntity"]);
            Assert.Equal(1, counts["UpdateEntity (conflict)"]);
            Assert.Equal(1, counts["GetEntity"]);
            Assert.Equal(1, counts["InsertEntity"]);
        }
        finally
        {
            await table.DeleteAsync();
        }
    }
}
