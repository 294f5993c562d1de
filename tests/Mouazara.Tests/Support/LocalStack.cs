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
        var host = await OwnHostAsync('t', new Dictionary<string, string?>
        {
            ["Email:SendTimeout"] = "00:00:10",
            // Production fetch rules (https on 443 to public addresses only) over hosts an attacker would pick; the
            // listing lets a test show that the address and port rules refuse them, not the host list.
            ["Intake:FileHosts:generic"] = "169.254.169.254,10.0.0.5,localhost",
        });
        var prefix = host.Options.TaskHub[..^"hub".Length];
        AppDomain.CurrentDomain.ProcessExit += (_, _) => host.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        return new LocalStack(host, prefix);
    }

    /// <summary>
    /// A local host of the test's own on a free port, with its own task hub and table prefix (starting with
    /// <paramref name="letter"/>), its mail going to its own outbox, and <paramref name="settings"/> on top.
    /// </summary>
    public static Task<LocalHost> OwnHostAsync(char letter, IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort();
        var prefix = letter + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c));
        var all = new Dictionary<string, string?>
        {
            ["Local:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Local:TaskHub"] = prefix + "hub",
            ["Local:SeedSamples"] = "false",
            ["Storage:TablePrefix"] = prefix,
            ["Links:PublicBaseUrl"] = $"http://localhost:{port}/",
            ["Email:SendGridHost"] = $"http://localhost:{port}",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return LocalHost.StartAsync([], all);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
