using Mouazara.Local.Tests.Support;

namespace Mouazara.Local.Tests.EndToEnd;

/// <summary>One local host for the storage fault tests, reaching Azurite only through a <see cref="StorageProxy"/>.</summary>
public sealed class StorageFaultHost : IAsyncLifetime
{
    public StorageProxy Proxy { get; } = new();

    public LocalProcess Host { get; } = new();

    public async Task InitializeAsync()
    {
        Host.Environment["Storage__ConnectionString"] = Proxy.ConnectionString;
        await Host.StartAsync(TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
