using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Mouazara.Infra.Tests.Support;
using Mouazara.Testing;

namespace Mouazara.Infra.Tests;

/// <summary>infra/scripts/tables-backup.cs, the table export and import docs/operations.md relies on, against Azurite.</summary>
public sealed class TableBackupTests
{
    [Fact]
    public async Task A_table_exported_and_imported_under_a_new_name_keeps_every_entity_and_property_type()
    {
        await using var azurite = await AzuriteTables.StartAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        var source = service.GetTableClient("Ledger");
        await source.CreateIfNotExistsAsync();
        var when = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
        var seeded = Enumerable.Range(0, 130).Select(i => new TableEntity(i < 120 ? "MZ-A" : "MZ-B", i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
        {
            ["Reference"] = $"مرجع {i} — référence",
            ["AmountCentimes"] = 4_900_000L + i,
            ["Tranche"] = i % 3,
            ["Rate"] = 0.25 * i,
            ["Released"] = i % 2 == 0,
            ["ReleasedAt"] = when.AddMinutes(i),
            ["Id"] = new Guid(i, 0, 0, new byte[8]),
            ["Digest"] = new byte[] { 1, 2, (byte)i },
        }).ToList();
        foreach (var entity in seeded)
        {
            await source.AddEntityAsync(entity);
        }

        var backup = Directory.CreateTempSubdirectory("mouazara-tables-");
        try
        {
            var exported = await RunToolAsync("export", "--connection-string", azurite.ConnectionString, "--out", backup.FullName, "--tables", "Ledger");
            Assert.True(exported.ExitCode == 0, exported.ToString());
            Assert.True(File.Exists(Path.Combine(backup.FullName, "manifest.json")));

            var imported = await RunToolAsync("import", "--connection-string", azurite.ConnectionString, "--in", backup.FullName, "--prefix", "Restored");
            Assert.True(imported.ExitCode == 0, imported.ToString());

            var restored = new List<TableEntity>();
            await foreach (var entity in service.GetTableClient("RestoredLedger").QueryAsync<TableEntity>())
            {
                restored.Add(entity);
            }

            Assert.Equal(seeded.Count, restored.Count);
            foreach (var (expected, actual) in seeded.Zip(restored))
            {
                Assert.Equal((expected.PartitionKey, expected.RowKey), (actual.PartitionKey, actual.RowKey));
                Assert.Equal(expected.GetString("Reference"), actual.GetString("Reference"));
                Assert.Equal(expected.GetInt64("AmountCentimes"), actual.GetInt64("AmountCentimes"));
                Assert.Equal(expected.GetInt32("Tranche"), actual.GetInt32("Tranche"));
                Assert.Equal(expected.GetDouble("Rate"), actual.GetDouble("Rate"));
                Assert.Equal(expected.GetBoolean("Released"), actual.GetBoolean("Released"));
                Assert.Equal(expected.GetDateTimeOffset("ReleasedAt"), actual.GetDateTimeOffset("ReleasedAt"));
                Assert.Equal(expected.GetGuid("Id"), actual.GetGuid("Id"));
                Assert.Equal(expected.GetBinary("Digest"), actual.GetBinary("Digest"));
            }

            var again = await RunToolAsync("import", "--connection-string", azurite.ConnectionString, "--in", backup.FullName, "--prefix", "Restored");
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("already holds entities", again.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            backup.Delete(recursive: true);
        }
    }

    // The first run restores and builds the script; beside the rest of the suite on two cores that alone has taken
    // over three minutes (it printed nothing). The limit only guards against a hang.
    static Task<CliResult> RunToolAsync(params string[] arguments) =>
        Cli.RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Repo.Root, TimeSpan.FromMinutes(8),
            ["run", Repo.PathOf("infra", "scripts", "tables-backup.cs"), "--", .. arguments]);

    /// <summary>Azurite's table service from the repository's npm dev-dependency, in memory, on a free port.</summary>
    sealed class AzuriteTables : IAsyncDisposable
    {
        const string Account = "backuptest";
        readonly Process process;

        AzuriteTables(Process process, int port, string key)
        {
            this.process = process;
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};TableEndpoint=http://127.0.0.1:{port}/{Account};";
        }

        public string ConnectionString { get; }

        public static async Task<AzuriteTables> StartAsync()
        {
            var executable = Repo.PathOf("node_modules", ".bin", "azurite-table");
            Assert.True(File.Exists(executable), $"{executable} is missing: run `npm ci` at the repository root.");
            var port = FreePort();
            var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };

            // An account with a key made for this test (AZURITE_ACCOUNTS), rather than the emulator's published one.
            var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
            start.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{key}";
            foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck" })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            // Node's start alone has taken over 30 s beside the suite's host tests on two cores.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return new AzuriteTables(process, port, key);
                }
                catch (SocketException)
                {
                    await Task.Delay(200);
                }
            }

            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Azurite's table service did not start within 3 minutes.");
        }

        static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
