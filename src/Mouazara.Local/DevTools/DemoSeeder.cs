using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mouazara.Editions;
using Mouazara.Intake;
using Mouazara.Kernel;
using Mouazara.Local.Configuration;
using Mouazara.Security;

namespace Mouazara.Local.DevTools;

/// <summary>
/// Seeds the editions kept as files in the repository and, once the host listens, posts the sample
/// submissions through the real signed webhook, so a newcomer sees applications at every stage at once.
/// Posting again is harmless: the webhook is idempotent by submission id.
/// </summary>
public sealed partial class DemoSeeder(
    IOptions<LocalOptions> local,
    IOptions<IntakeOptions> intake,
    EditionStore editions,
    IHostApplicationLifetime lifetime,
    ILogger<DemoSeeder> logger,
    RepoRoot root) : IHostedService
{
    public async Task SeedEditionsAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root.Path, local.Value.EditionsPath);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var edition = JsonSerializer.Deserialize<Edition>(await File.ReadAllTextAsync(file, cancellationToken), Json.Options)!;
            var errors = EditionRules.Validate(edition);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"{file} is not a valid edition: " + string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))));
            }

            await editions.SaveAsync(edition, cancellationToken);
            LogEdition(logger, edition.Id, file);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (local.Value.SeedSamples)
        {
            lifetime.ApplicationStarted.Register(() => _ = PostSamplesAsync(lifetime.ApplicationStopping));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task PostSamplesAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root.Path, local.Value.SamplesPath);
        // The new secret comes first during a rotation; the samples are signed as a sender that has switched would.
        var secret = intake.Value.SecretsOf("generic").FirstOrDefault();
        if (!Directory.Exists(folder) || secret is null)
        {
            return;
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{local.Value.Port}/") };
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var body = await File.ReadAllBytesAsync(file, cancellationToken);
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/generic") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add(IntakeEndpoints.TimestampHeader, timestamp);
                request.Headers.Add(IntakeEndpoints.SignatureHeader, WebhookSignature.Compute(System.Text.Encoding.UTF8.GetBytes(secret), timestamp, body));
                using var response = await http.SendAsync(request, cancellationToken);
                LogSample(logger, Path.GetFileName(file), (int)response.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                LogSampleFailed(logger, e, Path.GetFileName(file));
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Seeded edition {Edition} from {File}")]
    static partial void LogEdition(ILogger logger, string edition, string file);

    [LoggerMessage(LogLevel.Information, "Sample submission {File} posted: {Status}")]
    static partial void LogSample(ILogger logger, string file, int status);

    [LoggerMessage(LogLevel.Warning, "Sample submission {File} could not be posted")]
    static partial void LogSampleFailed(ILogger logger, Exception exception, string file);
}

public sealed record RepoRoot(string Path);
