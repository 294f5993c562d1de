using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Mouazara.Http;
using Mouazara.Intake.Inbox;
using Mouazara.Intake.Providers;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Telemetry;

namespace Mouazara.Intake;

/// <summary>
/// <c>POST /api/intake/{provider}</c>: form providers' webhooks. Nothing is parsed before the provider's own proof
/// is verified over the raw bytes: the generic signature and timestamp, Typeform's and Tally's HMAC, Kobo's Basic
/// credentials. What an unauthenticated sender can cost is bounded before the body is read: a missing or malformed
/// signature header is 401, a declared length over the limit 413, and the bytes of all unverified bodies in flight
/// share one budget per process (<see cref="UnverifiedBytesBudget"/>, 503 past it).
/// <list type="bullet">
/// <item><c>generic</c> (JSON or a multipart direct upload) is validated in the request and answered 202, 4xx with
/// the fields to fix, as senders of our own format expect;</item>
/// <item><c>kobo</c>, <c>typeform</c> and <c>tally</c> go through the durable inbox: kept raw, recorded once per
/// delivery id, processed by an orchestration, answered 202 at once, even when the delivery cannot be mapped,
/// since the provider would otherwise retry it for nothing (staff see and re-process it).</item>
/// </list>
/// </summary>
public sealed class IntakeEndpoints(IOptions<IntakeOptions> options, IntakeService intake, DeliveryInbox inbox, IntakePacer pacer, SignedLinks links,
    UnverifiedBytesBudget unverified, TimeProvider time)
{
    public const string TimestampHeader = "X-Mouazara-Timestamp";
    public const string SignatureHeader = "X-Mouazara-Signature";

    /// <summary>A provider's delivery is answers and links, never files: a megabyte is ample, and bounds what the webhook buffers.</summary>
    public const int MaxProviderBodyBytes = 1024 * 1024;

    public async Task<IResult> ReceiveAsync(HttpContext http, DurableTaskClient client, string provider)
    {
        var result = await ReceiveCoreAsync(http, client, provider);
        if (result is IStatusCodeHttpResult { StatusCode: >= 400 and < 500 } refused)
        {
            MouazaraTelemetry.DeliveryRefused(refused.StatusCode);
        }

        return result;
    }

    async Task<IResult> ReceiveCoreAsync(HttpContext http, DurableTaskClient client, string provider)
    {
        var secrets = FormProviders.IsKnown(provider) ? options.Value.SecretsOf(provider) : [];
        if (secrets.Count == 0)
        {
            return Problems.NotFound("form provider");
        }

        return provider == FormProviders.Generic
            ? await ReceiveGenericAsync(http, client, secrets)
            : await ReceiveFromProviderAsync(http, client, FormProviders.Mapped[provider], secrets);
    }

    async Task<IResult> ReceiveGenericAsync(HttpContext http, DurableTaskClient client, IReadOnlyList<string> secrets)
    {
        var request = http.Request;
        var multipart = IsMultipart(request.ContentType, out var boundary);
        if (!IsJson(request.ContentType) && !multipart)
        {
            return Problems.UnsupportedMediaType("application/json, or multipart/form-data with a submission part and one part per document");
        }

        if (request.ContentLength > options.Value.MaxBodyBytes)
        {
            return TooLargeBody();
        }

        var timestamp = request.Headers[TimestampHeader].ToString();
        if (!WebhookSignature.IsFresh(timestamp, time.GetUtcNow()))
        {
            return Problems.Unauthenticated("stale-timestamp", "The timestamp is missing or more than five minutes off.",
                $"Send {TimestampHeader} as Unix seconds, and sign '<timestamp>.<body>'.");
        }

        var signatureHeader = request.Headers[SignatureHeader].ToString();
        if (!WebhookSignature.IsWellFormed(signatureHeader))
        {
            return InvalidGenericSignature();
        }

        using var lease = unverified.TryReserve(request.ContentLength ?? 0);
        if (lease is null)
        {
            return Busy();
        }

        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), "mouazara-delivery-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var signature = new WebhookSignature(secrets.Select(Encoding.UTF8.GetBytes).ToList(), timestamp))
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                total += read;
                if (total > options.Value.MaxBodyBytes)
                {
                    return TooLargeBody();
                }

                // A body sent without Content-Length takes its share of the budget as it arrives, a megabyte at a time.
                if (total > lease.Held && !lease.TryGrowTo(Math.Min(total + (1024 * 1024), options.Value.MaxBodyBytes)))
                {
                    return Busy();
                }

                signature.Append(buffer.AsSpan(0, read));
                await spool.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
            }

            if (!signature.Matches(signatureHeader))
            {
                return InvalidGenericSignature();
            }
        }

        spool.Position = 0;
        return multipart
            ? await ReceiveUploadAsync(http, client, spool, boundary!)
            : await ReceiveJsonAsync(http, client, spool);
    }

    async Task<IResult> ReceiveJsonAsync(HttpContext http, DurableTaskClient client, Stream spool)
    {
        await using var inline = await InlineDocuments.ExtractAsync(spool, intake.MaxFileBytes, http.RequestAborted);
        if (inline.SkeletonTooLarge)
        {
            return Problems.TooLarge("The submission's fields, files aside, are limited to 1 MB.");
        }

        var (body, malformed) = ReadSubmission(inline.Skeleton);
        if (malformed is not null)
        {
            return malformed;
        }

        if (inline.TooManyFiles)
        {
            return Problems.Invalid("documents", $"At most {SubmissionValidator.MaxDocuments} documents.");
        }

        return await AcceptAsync(http, client, body!, inline.Files, inline.Skeleton, names: null);
    }

    /// <summary>A direct upload: the same submission, its files as parts named by document type instead of base64.</summary>
    async Task<IResult> ReceiveUploadAsync(HttpContext http, DurableTaskClient client, Stream spool, string boundary)
    {
        MultipartSubmission form;
        try
        {
            form = await MultipartSubmission.ReadAsync(spool, boundary, intake.MaxFileBytes, http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Problems.Malformed("The multipart body could not be read: " + e.Message);
        }

        await using (form)
        {
            if (form.TooManyParts)
            {
                return Problems.Invalid("documents", $"At most {SubmissionValidator.MaxDocuments} documents.");
            }

            if (form.Fields is null)
            {
                return Problems.Malformed("The form has no 'submission' part with the submission's JSON.", "submission");
            }

            if (form.Fields.SkeletonTooLarge)
            {
                return Problems.TooLarge("The submission's fields, files aside, are limited to 1 MB.");
            }

            var (body, malformed) = ReadSubmission(form.Fields.Skeleton);
            if (malformed is not null)
            {
                return malformed;
            }

            if (form.Fields.TooManyFiles || (body!.Documents?.Count ?? 0) + form.Parts.Count > SubmissionValidator.MaxDocuments)
            {
                return Problems.Invalid("documents", $"At most {SubmissionValidator.MaxDocuments} documents.");
            }

            // Each part becomes a document of the submission, its content already spooled like an inline file.
            var files = form.Fields.Files.ToList();
            body.Documents ??= [];
            var names = new Dictionary<int, string>();
            foreach (var part in form.Parts)
            {
                part.File.Index = files.Count;
                names[body.Documents.Count] = part.Type;
                body.Documents.Add(new GenericDocument
                {
                    Type = part.Type,
                    FileName = part.FileName,
                    ContentType = part.ContentType,
                    ContentBase64 = InlineDocuments.Placeholder + part.File.Index,
                });
                files.Add(part.File);
            }

            return await AcceptAsync(http, client, body, files, form.Fields.Skeleton, names);
        }
    }

    async Task<IResult> AcceptAsync(HttpContext http, DurableTaskClient client, GenericSubmission body, IReadOnlyList<InlineFile> files,
        ReadOnlyMemory<byte> fields, Dictionary<int, string>? names)
    {
        var (submission, errors) = SubmissionValidator.Validate(body);
        if (submission is null)
        {
            return Problems.Invalid(Rename(errors, names));
        }

        var outcome = await intake.AcceptAsync(FormProviders.Generic, submission, files, client, fields, http.RequestAborted);
        if (outcome.TooLarge)
        {
            return Problems.TooLarge($"Each file is limited to {intake.MaxFileBytes / (1024 * 1024)} MB.");
        }

        if (outcome.Accepted is not { } accepted)
        {
            return Problems.Invalid(Rename(outcome.Errors!, names));
        }

        if (accepted.Created)
        {
            MouazaraTelemetry.SubmissionAccepted(FormProviders.Generic);
        }

        var statusUrl = links.Status(accepted.ApplicationId, accepted.Edition, accepted.SubmittedAt);
        return TypedResults.Accepted(statusUrl, new { applicationId = accepted.ApplicationId, status = accepted.Status, statusUrl });
    }

    /// <summary>
    /// Kobo, Typeform, Tally: authenticate, keep, acknowledge. The body is small (answers and links), so it is
    /// buffered, bounded, while its HMAC is computed.
    /// </summary>
    async Task<IResult> ReceiveFromProviderAsync(HttpContext http, DurableTaskClient client, FormProvider provider, IReadOnlyList<string> secrets)
    {
        var request = http.Request;
        if (request.ContentLength > MaxProviderBodyBytes)
        {
            return Problems.TooLarge($"A {provider.Name} delivery is limited to {MaxProviderBodyBytes / 1024} KB.");
        }

        // Kobo's credentials are in a header: checked before the body is read at all.
        if (provider.Name == KoboDelivery.Provider && !BasicCredentials.Matches(request.Headers.Authorization.ToString(), secrets))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"mouazara-intake\", charset=\"UTF-8\"";
            return Problems.Unauthenticated("invalid-credentials", "The Basic credentials are not the ones configured for this REST Service.",
                "Set the REST Service's authentication to Basic with the user and password given to the programme.");
        }

        using var signature = provider.Name switch
        {
            TypeformDelivery.Provider => ProviderSignature.Typeform(secrets),
            TallyDelivery.Provider => ProviderSignature.Tally(secrets),
            _ => null,
        };
        var header = provider.Name == TypeformDelivery.Provider ? ProviderSignature.TypeformHeader : ProviderSignature.TallyHeader;
        if (signature is not null && !signature.IsWellFormed(request.Headers[header].ToString()))
        {
            return InvalidProviderSignature(header);
        }

        // Kobo's sender is already authenticated; a signed body is not until it is all in, so it takes its share of the budget.
        using var lease = signature is null ? null : unverified.TryReserve(request.ContentLength ?? 0);
        if (signature is not null && lease is null)
        {
            return Busy();
        }
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxProviderBodyBytes)
            {
                return Problems.TooLarge($"A {provider.Name} delivery is limited to {MaxProviderBodyBytes / 1024} KB.");
            }

            if (lease is not null && !lease.TryGrowTo(body.Length + read))
            {
                return Busy();
            }

            signature?.Append(buffer.AsSpan(0, read));
            body.Write(buffer, 0, read);
        }

        if (signature is not null && !signature.Matches(request.Headers[header].ToString()))
        {
            return InvalidProviderSignature(header);
        }

        // Only the delivery id is read here, to key the inbox; mapping happens in the orchestration.
        var raw = body.GetBuffer().AsMemory(0, (int)body.Length);
        var parsed = provider.Parse(raw);
        var key = DeliveryInbox.KeyFor(parsed.Delivery?.SubmissionId, raw.Span);
        var status = parsed.Ignored ? DeliveryStatuses.Ignored : DeliveryStatuses.Received;
        var reasons = parsed.Ignored ? new Dictionary<string, string[]> { ["delivery"] = [parsed.Problem!] } : null;
        var (row, created) = await inbox.KeepAsync(provider.Name, key, parsed.Delivery?.SubmissionId, parsed.Delivery?.FormId, status, raw, reasons, http.RequestAborted);
        await DeliveryInbox.EnsureProcessingAsync(client, row, http.RequestAborted, pacer.NextStart);
        if (created)
        {
            MouazaraTelemetry.DeliveryKept(provider.Name, status);
        }

        return TypedResults.Accepted((string?)null, new { deliveryId = DeliveryInbox.PublicId(provider.Name, key), status = row.Status, duplicate = !created });
    }

    static (GenericSubmission? Body, IResult? Problem) ReadSubmission(ReadOnlyMemory<byte> skeleton)
    {
        try
        {
            var body = JsonSerializer.Deserialize<GenericSubmission>(skeleton.Span, Json.Options);
            return body is null ? (null, Problems.Malformed("The body is empty.")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Malformed("The body is not valid JSON for a submission" + (e.Path is null ? "." : $" (at {e.Path})."),
                e.Path is null ? null : e.Path.TrimStart('$', '.')));
        }
    }

    /// <summary>Errors about a direct upload's parts are named by the form field, as the form's author knows them.</summary>
    static Dictionary<string, string[]> Rename(Dictionary<string, string[]> errors, Dictionary<int, string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return errors;
        }

        var renamed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, messages) in errors)
        {
            var name = field;
            foreach (var (index, part) in names)
            {
                var prefix = $"documents[{index}]";
                if (field == prefix || field.StartsWith(prefix + ".", StringComparison.Ordinal))
                {
                    name = part;
                    break;
                }
            }

            renamed[name] = renamed.TryGetValue(name, out var existing) ? [.. existing, .. messages] : messages;
        }

        return renamed;
    }

    static IResult InvalidGenericSignature() => Problems.Unauthenticated("invalid-signature", "The signature is missing, malformed or does not match the body.",
        $"Send {SignatureHeader}: sha256=<hex HMAC-SHA256 of '<timestamp>.<raw body>' with the provider's secret>.");

    static IResult InvalidProviderSignature(string header) => Problems.Unauthenticated("invalid-signature", "The signature is missing, malformed or does not match the body.",
        $"Send {header} with the base64 HMAC-SHA256 of the raw body, keyed with the webhook's secret.");

    static IResult Busy() => Problems.Busy("Too many deliveries are being received at once; retry in a few seconds.");

    IResult TooLargeBody() => Problems.TooLarge($"Deliveries are limited to {options.Value.MaxBodyBytes / (1024 * 1024)} MB.");

    static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';', 2)[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    static bool IsMultipart(string? contentType, out string? boundary)
    {
        boundary = null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return !string.IsNullOrEmpty(boundary) && boundary.Length <= 200;
    }
}
