#!/usr/bin/env dotnet
#:package Azure.Data.Tables
#:package Azure.Identity
// The Azure SDK serialises some requests by reflection, which native AOT (a file-based app's default) forbids.
#:property PublishAot=false

// Exports Table Storage tables to JSON Lines files and imports them back, keeping every property's type.
// AzCopy v10 no longer copies tables; this does, with the operator's own Entra ID sign-in (the storage
// account refuses keys). docs/operations.md, "Back up and restore", says when and how to use it.
//
//   dotnet run infra/scripts/tables-backup.cs -- export --account <name> --out <dir> [--tables A,B]
//   dotnet run infra/scripts/tables-backup.cs -- import --account <name> --in <dir> [--tables A,B] [--prefix P] [--overwrite]
//
// --account takes the storage account name (signed in with `az login`: DefaultAzureCredential) or, for
// Azurite and tests, --connection-string. Export writes <Table>.jsonl per table and manifest.json.
// Import creates each table (named <prefix><Table>) and refuses one that already holds entities unless
// --overwrite is given, in which case exported rows replace rows with the same keys.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Identity;

return await Tool.RunAsync(args);

static class Tool
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("export" or "import"))
        {
            Console.Error.WriteLine("Usage: tables-backup.cs export|import (--account <name> | --connection-string <cs>) --out|--in <dir> [--tables A,B] [--prefix P] [--overwrite]");
            return 2;
        }

        try
        {
            var options = Parse(args[1..]);
            var service = options.TryGetValue("connection-string", out var connectionString)
                ? new TableServiceClient(connectionString)
                : options.TryGetValue("account", out var account)
                    ? new TableServiceClient(TableEndpoint(account), new DefaultAzureCredential())
                    : throw new ArgumentException("Give --account <storage account name or table endpoint> or --connection-string.");
            var tables = options.TryGetValue("tables", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;

            return args[0] == "export"
                ? await ExportAsync(service, Required(options, "out"), tables)
                : await ImportAsync(service, Required(options, "in"), tables, options.GetValueOrDefault("prefix", ""), options.ContainsKey("overwrite"));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (Azure.RequestFailedException e)
        {
            Console.Error.WriteLine($"Storage refused the request ({e.Status} {e.ErrorCode}). Signed in as someone with Storage Table Data Contributor on the account?");
            return 1;
        }
    }

    // A name means the public cloud's endpoint; a full https address serves any other.
    static Uri TableEndpoint(string account) =>
        account.Contains("://", StringComparison.Ordinal) ? new Uri(account) : new Uri($"https://{account}.table.core.windows.net/");

    static async Task<int> ExportAsync(TableServiceClient service, string directory, string[]? only)
    {
        Directory.CreateDirectory(directory);
        var names = only ?? [.. (await ToListAsync(service.QueryAsync())).Select(t => t.Name)];
        var counts = new JsonObject();
        foreach (var name in names)
        {
            var count = 0;
            await using (var file = new StreamWriter(Path.Combine(directory, name + ".jsonl")))
            {
                await foreach (var entity in service.GetTableClient(name).QueryAsync<TableEntity>())
                {
                    await file.WriteLineAsync(ToJson(entity).ToJsonString());
                    count++;
                }
            }

            counts[name] = count;
            Console.WriteLine($"{name}: {count} entities");
        }

        var manifest = new JsonObject
        {
            ["exportedAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["account"] = service.AccountName,
            ["tables"] = counts,
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "manifest.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    static async Task<int> ImportAsync(TableServiceClient service, string directory, string[]? only, string prefix, bool overwrite)
    {
        var files = only?.Select(t => Path.Combine(directory, t + ".jsonl")).ToArray() ?? Directory.GetFiles(directory, "*.jsonl");
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            var name = prefix + Path.GetFileNameWithoutExtension(path);
            var table = service.GetTableClient(name);
            await table.CreateIfNotExistsAsync();
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"]))
            {
                if (!overwrite)
                {
                    Console.Error.WriteLine($"{name} already holds entities; restore into a new name with --prefix, or pass --overwrite to replace rows with the same keys.");
                    return 1;
                }

                break;
            }

            var count = 0;
            var batch = new List<TableTransactionAction>();
            string? partition = null;
            foreach (var line in await File.ReadAllLinesAsync(path))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var entity = FromJson(JsonNode.Parse(line)!.AsObject());
                // A transaction holds up to 100 entities of one partition.
                if (batch.Count == 100 || (partition is not null && partition != entity.PartitionKey))
                {
                    await table.SubmitTransactionAsync(batch);
                    batch.Clear();
                }

                partition = entity.PartitionKey;
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                count++;
            }

            if (batch.Count > 0)
            {
                await table.SubmitTransactionAsync(batch);
            }

            Console.WriteLine($"{name}: {count} entities");
        }

        return 0;
    }

    // One line per entity: {"PartitionKey": "...", "RowKey": "...", "Properties": {"Name": {"Type": "Int64", "Value": "42"}}}.
    static JsonObject ToJson(TableEntity entity)
    {
        var properties = new JsonObject();
        foreach (var (key, value) in entity)
        {
            if (key is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || value is null)
            {
                continue;
            }

            var (type, text) = value switch
            {
                string s => ("String", s),
                bool b => ("Boolean", b ? "true" : "false"),
                int i => ("Int32", i.ToString(CultureInfo.InvariantCulture)),
                long l => ("Int64", l.ToString(CultureInfo.InvariantCulture)),
                double d => ("Double", d.ToString("R", CultureInfo.InvariantCulture)),
                DateTimeOffset t => ("DateTime", t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
                DateTime t => ("DateTime", t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
                Guid g => ("Guid", g.ToString()),
                byte[] bytes => ("Binary", Convert.ToBase64String(bytes)),
                BinaryData data => ("Binary", Convert.ToBase64String(data.ToArray())),
                _ => throw new NotSupportedException($"Property {key} of {entity.PartitionKey}/{entity.RowKey} has an unexpected type {value.GetType()}."),
            };
            properties[key] = new JsonObject { ["Type"] = type, ["Value"] = text };
        }

        return new JsonObject { ["PartitionKey"] = entity.PartitionKey, ["RowKey"] = entity.RowKey, ["Properties"] = properties };
    }

    static TableEntity FromJson(JsonObject json)
    {
        var entity = new TableEntity((string)json["PartitionKey"]!, (string)json["RowKey"]!);
        foreach (var (key, node) in json["Properties"]!.AsObject())
        {
            var text = (string)node!["Value"]!;
            entity[key] = (string)node["Type"]! switch
            {
                "String" => text,
                "Boolean" => text == "true",
                "Int32" => int.Parse(text, CultureInfo.InvariantCulture),
                "Int64" => long.Parse(text, CultureInfo.InvariantCulture),
                "Double" => double.Parse(text, CultureInfo.InvariantCulture),
                "DateTime" => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                "Guid" => Guid.Parse(text),
                "Binary" => Convert.FromBase64String(text),
                var other => throw new NotSupportedException($"Unknown type {other} for {key}."),
            };
        }

        return entity;
    }

    static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument {args[i]}.");
            }

            var name = args[i][2..];
            options[name] = name == "overwrite" ? "true" : i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--{name} needs a value.");
        }

        return options;
    }

    static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"Give --{name} <directory>.");

    static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
