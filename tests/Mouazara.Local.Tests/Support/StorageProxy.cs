namespace Mouazara.Local.Tests.Support;

/// <summary>
/// The shared Azurite's blob, queue and table ports behind three <see cref="FaultProxy"/>s, and the connection string a
/// host uses to reach storage through them: the product's tables and files and the durable engine's queues and history.
/// </summary>
public sealed class StorageProxy : IAsyncDisposable
{
    const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    readonly FaultProxy blobs = new(10000);
    readonly FaultProxy queues = new(10001);
    readonly FaultProxy tables = new(10002);

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{blobs.Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queues.Port}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tables.Port}/devstoreaccount1;";

    public StorageFault Fault
    {
        get => tables.Fault;
        set => blobs.Fault = queues.Fault = tables.Fault = value;
    }

    public async ValueTask DisposeAsync()
    {
        await blobs.DisposeAsync();
        await queues.DisposeAsync();
        await tables.DisposeAsync();
    }
}
