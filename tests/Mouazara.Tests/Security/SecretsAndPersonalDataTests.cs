using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Mouazara.Telemetry;

namespace Mouazara.Tests.Security;

/// <summary>
/// After a whole lifecycle: no signed-link token and no personal value in any log line or span the host wrote, and
/// nothing but ids in the durable engine's task hub (orchestration inputs, outputs, custom status, history).
/// </summary>
public sealed class SecretsAndPersonalDataTests(ObservedLifecycle run) : IClassFixture<ObservedLifecycle>
{
    [Fact]
    public void No_link_token_or_personal_value_appears_in_any_log_line_or_span()
    {
        // What was captured is the run: the API's spans (by route template, through the redacting processor), its activities and logs.
        Assert.Contains(run.Spans, s => s.Contains("/api/reviews/{token}", StringComparison.Ordinal));
        Assert.Contains(run.Spans, s => s.Contains("/api/files/{token}", StringComparison.Ordinal));
        Assert.Contains(run.Spans, s => s.Contains(run.ApplicationId, StringComparison.Ordinal));
        Assert.Contains(run.Logs, l => l.Contains(run.ApplicationId, StringComparison.Ordinal));
        Assert.True(run.Tokens.Count >= 6, $"Only {run.Tokens.Count} tokens were emailed.");

        var secrets = run.Tokens.Concat(ObservedLifecycle.Personal).Distinct().ToList();
        var leaks = run.Logs.Concat(run.Spans)
            .SelectMany(line => secrets.Where(s => line.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"{s[..Math.Min(12, s.Length)]}… in: {line}"))
            .Take(5).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public async Task The_task_hub_holds_ids_only_in_inputs_outputs_custom_status_and_history()
    {
        var hub = run.Host.Options.TaskHub;
        var texts = new List<(string Where, string Text)>();
        foreach (var table in (string[])[hub + "History", hub + "Instances"])
        {
            var client = new TableClient("UseDevelopmentStorage=true", table);
            await foreach (var entity in client.QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in entity)
                {
                    if (value is string text)
                    {
                        texts.Add(($"{table}/{entity.PartitionKey}/{key}", text));
                    }
                    else if (value is byte[] bytes)
                    {
                        texts.Add(($"{table}/{entity.PartitionKey}/{key}", Encoding.UTF8.GetString(bytes)));
                    }
                }
            }
        }

        // Payloads too large for a table cell are kept, compressed, in the hub's blob containers.
        var blobs = new BlobServiceClient("UseDevelopmentStorage=true");
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: hub.ToLowerInvariant()))
        {
            var containerClient = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in containerClient.GetBlobsAsync())
            {
                var content = (await containerClient.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                texts.Add(($"{container.Name}/{blob.Name}", Decompressed(content)));
            }
        }

        // The run's orchestrations are there (inputs, outputs and history hold the application id), and nothing personal is.
        Assert.Contains(texts, t => t.Where.Contains("Instances", StringComparison.Ordinal) && t.Text.Contains(run.ApplicationId, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Where.Contains("History", StringComparison.Ordinal) && t.Text.Contains(run.ApplicationId, StringComparison.Ordinal));
        var found = texts.SelectMany(t => ObservedLifecycle.Personal.Where(p => t.Text.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(p => $"{p} in {t.Where}"))
            .Take(5).ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.DoesNotContain(texts, t => run.Tokens.Any(token => t.Text.Contains(token, StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_route_with_a_token_is_redacted_whatever_the_token_looks_like()
    {
        foreach (var route in ApiRoutes.All.Where(r => r.Template.Contains("{token}", StringComparison.Ordinal)))
        {
            foreach (var token in (string[])["eyJwIjoicyJ9.c2lnbmF0dXJl", "not-even-a-token", "a%2Fb.c"])
            {
                var path = "/api/" + route.Template.Replace("{token}", token, StringComparison.Ordinal).Replace("{documentType}", "statutes", StringComparison.Ordinal);
                var redacted = TelemetryRedaction.Redact("GET http://localhost" + path + "?x=1");
                Assert.DoesNotContain(token, redacted, StringComparison.Ordinal);
                Assert.Contains("/api/" + route.Template.Split('/')[0] + "/{token}", redacted, StringComparison.Ordinal);
            }
        }
    }

    static string Decompressed(byte[] content)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (InvalidDataException)
        {
            return Encoding.UTF8.GetString(content);
        }
    }
}
