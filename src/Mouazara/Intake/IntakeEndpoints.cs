using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mouazara.Http;
using Mouazara.Security;

namespace Mouazara.Intake;

/// <summary>
/// <c>POST /api/intake/{provider}</c>: a form provider's webhook. The body is spooled to a temporary file
/// while its HMAC is computed; nothing is parsed before the signature and timestamp are verified, and
/// nothing is written before every value is valid.
/// </summary>
public sealed class IntakeEndpoints(IOptions<IntakeOptions> options, IntakeService intake, Links links, TimeProvider time)
{
    public const string TimestampHeader = "X-Mouazara-Timestamp";
    public const string SignatureHeader = "X-Mouazara-Signature";
    public const string MeterName = "Mouazara.Intake";
    static readonly Meter Meter = new(MeterName);
    static readonly Counter<long> Received = Meter.CreateCounter<long>("mouazara.intake.accepted", description: "Submissions accepted");
    static readonly Counter<long> Rejected = Meter.CreateCounter<long>("mouazara.intake.rejected", description: "Deliveries refused, by reason");

    public async Task<IResult> ReceiveAsync(HttpContext http, DurableTaskClient client, string provider)
    {
        var result = await ReceiveCoreAsync(http, client, provider);
        if (result is IStatusCodeHttpResult { StatusCode: >= 400 and < 500 } refused)
        {
            Rejected.Add(1, new KeyValuePair<string, object?>("reason", refused.StatusCode));
        }

        return result;
    }

    async Task<IResult> ReceiveCoreAsync(HttpContext http, DurableTaskClient client, string provider)
    {
        var request = http.Request;
        if (provider != "generic" || !options.Value.Secrets.TryGetValue(provider, out var secret) || string.IsNullOrEmpty(secret))
        {
            return Problems.NotFound("form provider");
        }

        if (!IsJson(request.ContentType))
        {
            return Problems.UnsupportedMediaType("application/json");
        }

        if (request.ContentLength > options.Value.MaxBodyBytes)
        {
            return Problems.TooLarge($"Deliveries are limited to {options.Value.MaxBodyBytes / (1024 * 1024)} MB.");
        }

        var timestamp = request.Headers[TimestampHeader].ToString();
        if (!WebhookSignature.IsFresh(timestamp, time.GetUtcNow()))
        {
            return Problems.Unauthenticated("stale-timestamp", "The timestamp is missing or more than five minutes off.",
                $"Send {TimestampHeader} as Unix seconds, and sign '<timestamp>.<body>'.");
        }

        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), "mouazara-delivery-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var signature = new WebhookSignature(Encoding.UTF8.GetBytes(secret), timestamp))
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                total += read;
                if (total > options.Value.MaxBodyBytes)
                {
                    return Problems.TooLarge($"Deliveries are limited to {options.Value.MaxBodyBytes / (1024 * 1024)} MB.");
                }

                signature.Append(buffer.AsSpan(0, read));
                await spool.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
            }

            if (!signature.Matches(request.Headers[SignatureHeader].ToString()))
            {
                return Problems.Unauthenticated("invalid-signature", "The signature does not match the body.",
                    $"Send {SignatureHeader}: sha256=<hex HMAC-SHA256 of '<timestamp>.<raw body>' with the provider's secret>.");
            }
        }

        spool.Position = 0;
        await using var inline = await InlineDocuments.ExtractAsync(spool, intake.MaxFileBytes, http.RequestAborted);
        if (inline.SkeletonTooLarge)
        {
            return Problems.TooLarge("The submission's fields, files aside, are limited to 1 MB.");
        }

        GenericSubmission? body;
        try
        {
            body = JsonSerializer.Deserialize<GenericSubmission>(inline.Skeleton.Span, Json.Options);
        }
        catch (JsonException e)
        {
            return Problems.Malformed("The body is not valid JSON for a submission" + (e.Path is null ? "." : $" (at {e.Path})."),
                e.Path is null ? null : e.Path.TrimStart('$', '.'));
        }

        if (body is null)
        {
            return Problems.Malformed("The body is empty.");
        }

        if (inline.TooManyFiles)
        {
            return Problems.Invalid("documents", $"At most {SubmissionValidator.MaxDocuments} documents.");
        }

        var (submission, errors) = SubmissionValidator.Validate(body);
        if (submission is null)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await intake.AcceptAsync(provider, submission, inline.Files, client, http.RequestAborted);
        if (outcome.TooLarge)
        {
            return Problems.TooLarge($"Each file is limited to {intake.MaxFileBytes / (1024 * 1024)} MB.");
        }

        if (outcome.Accepted is not { } accepted)
        {
            return Problems.Invalid(outcome.Errors!);
        }

        if (accepted.Created)
        {
            Received.Add(1, new KeyValuePair<string, object?>("provider", provider));
        }

        var statusUrl = links.Status(accepted.ApplicationId, accepted.Edition, accepted.SubmittedAt);
        return TypedResults.Accepted(statusUrl, new { applicationId = accepted.ApplicationId, status = accepted.Status, statusUrl });
    }

    static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';', 2)[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
