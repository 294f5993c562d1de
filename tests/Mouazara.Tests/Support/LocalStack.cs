using System.Net;
using System.Net.Sockets;
using Mouazara.Local;
using Mouazara.Testing;

namespace Mouazara.Tests.Support;

/// <summary>
/// The local host started in this test process, on Azurite and the real durable engine, with its own task hub,
/// table prefix and port so that it shares nothing with a developer's running host. One stack serves every
/// test class; each test works on its own edition and applications.
/// </summary>
public sealed class LocalStack
{
    static readonly Lazy<Task<LocalStack>> Instance = new(StartAsync);

    LocalStack(LocalHost host, string prefix)
    {
        Host = host;
        Prefix = prefix;
        Client = new MouazaraClient(host.BaseAddress);
    }

    public LocalHost Host { get; }

    public string Prefix { get; }

    public MouazaraClient Client { get; }

    public static Task<LocalStack> SharedAsync() => Instance.Value;

    /// <summary>A fresh id for an edition or submission, unique across runs.</summary>
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    static async Task<LocalStack> StartAsync()
    {
        var port = FreePort();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8].Replace('0', 'a').Replace('1', 'b').Replace('2', 'c').Replace('3', 'd')
            .Replace('4', 'e').Replace('5', 'f').Replace('6', 'g').Replace('7', 'h').Replace('8', 'i').Replace('9', 'j');
        var host = await LocalHost.StartAsync([], new Dictionary<string, string?>
        {
            ["Local:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Local:TaskHub"] = prefix + "hub",
            ["Local:SeedSamples"] = "false",
            ["Storage:TablePrefix"] = prefix,
            ["Links:PublicBaseUrl"] = $"http://localhost:{port}/",
            ["Email:SendGridHost"] = $"http://localhost:{port}",
            ["Email:SendTimeout"] = "00:00:10",
            // Production fetch rules (https on 443 to public addresses only) over hosts an attacker would pick; the
            // listing lets a test show that the address and port rules refuse them, not the host list.
            ["Intake:FileHosts:generic"] = "169.254.169.254,10.0.0.5,localhost",
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => host.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        return new LocalStack(host, prefix);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
