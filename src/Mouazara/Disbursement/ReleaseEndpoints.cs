using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mouazara.Applications;
using Mouazara.Http;
using Mouazara.Kernel;
using Mouazara.Security;
using Mouazara.Telemetry;

namespace Mouazara.Disbursement;

/// <summary>
/// <c>POST /api/applications/{id}/tranches/{n}/release</c>: a finance officer releases a due tranche. The
/// ledger row keyed by (application, tranche) is inserted once; a replay with the same Idempotency-Key gets
/// the original answer, the same key with another request a 422, any other attempt a 409.
/// </summary>
public sealed class ReleaseEndpoints(BearerAuthenticator auth, TrancheStore tranches, ApplicationStore applications, IndicatorFactStore facts, TimeProvider time,
    IEnumerable<IReleaseFaults> faults)
{

    public async Task<IResult> ReleaseAsync(HttpContext http, DurableTaskClient client, string id, string n)
    {
        var (caller, refusal) = await auth.RequireAsync(http, Roles.Finance);
        if (refusal is not null)
        {
            return refusal;
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length is 0 or > 128 || key.Any(c => c < 0x21 || c > 0x7E))
        {
            return Problems.Malformed("Send an Idempotency-Key header: 1 to 128 visible ASCII characters, unique to this release.", "Idempotency-Key");
        }

        var (request, problem) = await JsonBody.ReadAsync<ReleaseRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 99)
        {
            return Problems.NotFound("tranche");
        }

        var app = await applications.FindAsync(id, http.RequestAborted);
        if (app is null)
        {
            return Problems.NotFound("application");
        }

        Telemetry.MouazaraTelemetry.Tag(app.ApplicationId);
        var rowKey = TrancheEntity.Key(number);
        var tranche = await tranches.FindAsync(id, number, http.RequestAborted);
        if (tranche is null)
        {
            return app.AwardJson is null
                ? Problems.Conflict("tranche-not-due", "This application has no award yet.", $"Its status is {app.Status}.")
                : Problems.NotFound("tranche");
        }

        var fingerprint = Fingerprint(id, number, request!);
        var existing = await tranches.FindReleaseAsync(id, number, http.RequestAborted);
        if (existing is not null)
        {
            return await ReplayOrConflictAsync(client, app, tranche, existing, key, fingerprint, http.RequestAborted);
        }

        if (app.WithdrawnAt is not null)
        {
            return Problems.Conflict("application-withdrawn", "This application was withdrawn; nothing more is paid.", app.WithdrawalReason);
        }

        if (app.SuspendedAt is not null)
        {
            return Problems.Conflict("disbursement-suspended", "Staff suspended this application's disbursement.", app.SuspensionReason);
        }

        var errors = new Dictionary<string, string[]>();
        var reference = request!.PaymentReference?.Trim();
        if (string.IsNullOrEmpty(reference) || reference.Length > 64 || reference.Any(char.IsControl))
        {
            errors["paymentReference"] = ["Required: the bank's payment reference, at most 64 characters."];
        }

        if (request.Amount is null || !Money.TryToCentimes(request.Amount.Value, out var centimes) || centimes != tranche.AmountCentimes)
        {
            errors["amount"] = [$"Must be exactly the tranche's amount, {Money.ToDirhams(tranche.AmountCentimes).ToString("0.00", CultureInfo.InvariantCulture)} MAD."];
        }

        if (!DateOnly.TryParseExact(request.ValueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var valueDate)
            || valueDate.Year < 2020 || valueDate > DateOnly.FromDateTime(CasablancaTime.ToLocal(time.GetUtcNow()).DateTime).AddDays(60))
        {
            errors["valueDate"] = ["Required: the value date as yyyy-MM-dd."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (tranche.Status != TrancheStatuses.Due)
        {
            return Problems.Conflict("tranche-not-due", $"Tranche {number} is not due.", $"Its status is {tranche.Status}.");
        }

        var entry = new LedgerEntity
        {
            PartitionKey = id,
            RowKey = rowKey,
            IdempotencyKey = key,
            PaymentReference = reference!,
            AmountCentimes = tranche.AmountCentimes,
            ValueDate = valueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ReleasedBy = "finance:" + caller!.Subject,
            RecordedAt = time.GetUtcNow(),
            RequestFingerprint = fingerprint,
        };
        if (!await tranches.TryRecordReleaseAsync(entry, http.RequestAborted))
        {
            // Raced by another release of the same tranche: whoever inserted first is the release.
            var winner = (await tranches.FindReleaseAsync(id, number, http.RequestAborted))!;
            return await ReplayOrConflictAsync(client, app, tranche, winner, key, fingerprint, http.RequestAborted);
        }

        foreach (var fault in faults)
        {
            fault.AfterLedgerWrite();
        }

        MouazaraTelemetry.TrancheReleased(app.Edition, entry.AmountCentimes);
        return await CompleteAsync(client, app, tranche, entry, http.RequestAborted);
    }

    /// <summary>
    /// SHA-256 of the request's canonical fields: application, tranche, amount in centimes, trimmed payment reference and
    /// value date as sent, so that 27000 and 27000.00 are one request and a different value date is another.
    /// </summary>
    public static string Fingerprint(string applicationId, int tranche, ReleaseRequest request)
    {
        var amount = request.Amount is { } value && Money.TryToCentimes(value, out var centimes)
            ? centimes.ToString(CultureInfo.InvariantCulture)
            : request.Amount?.ToString(CultureInfo.InvariantCulture) ?? "";
        var canonical = string.Join('\n', applicationId, tranche.ToString(CultureInfo.InvariantCulture), amount,
            request.PaymentReference?.Trim() ?? "", request.ValueDate ?? "");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }

    async Task<IResult> ReplayOrConflictAsync(DurableTaskClient client, ApplicationEntity app, TrancheEntity tranche, LedgerEntity entry, string key,
        string fingerprint, CancellationToken cancellationToken)
    {
        if (entry.IdempotencyKey != key)
        {
            // A release cut short after its ledger row (a crash, an outage) is finished by whoever touches the tranche next,
            // so the tranche and the lifecycle never stay behind the ledger.
            await FinishAsync(client, app, tranche, entry, cancellationToken);
            return Problems.Conflict("tranche-already-released", $"Tranche {tranche.Number} was already released.",
                $"Payment reference {entry.PaymentReference}, recorded {entry.RecordedAt:O}.");
        }

        // The key names one request: the same key with another amount, reference or value date is a mistake, not a replay.
        if (entry.RequestFingerprint is not null && entry.RequestFingerprint != fingerprint)
        {
            return Problems.Create(422, "idempotency-key-reused", "This Idempotency-Key was used for another request.",
                $"The key {key} released tranche {tranche.Number} with other values (amount, payment reference or value date); "
                + "send that request again to get its answer, or use a new key for a new request.");
        }

        // The same request again, perhaps after a failure half-way: finish what the first one started.
        return await CompleteAsync(client, app, tranche, entry, cancellationToken);
    }

    /// <summary>Steps after the ledger insert, each idempotent, so a replay can redo them safely.</summary>
    async Task<IResult> CompleteAsync(DurableTaskClient client, ApplicationEntity app, TrancheEntity tranche, LedgerEntity entry, CancellationToken cancellationToken)
    {
        await FinishAsync(client, app, tranche, entry, cancellationToken);
        return TypedResults.Ok(new ReleaseAnswer(app.ApplicationId, tranche.Number, TrancheStatuses.Released, Money.ToDirhams(entry.AmountCentimes),
            entry.PaymentReference, entry.ValueDate, entry.RecordedAt, entry.IdempotencyKey));
    }

    async Task FinishAsync(DurableTaskClient client, ApplicationEntity app, TrancheEntity tranche, LedgerEntity entry, CancellationToken cancellationToken)
    {
        if (tranche.Status != TrancheStatuses.Released)
        {
            tranche.Status = TrancheStatuses.Released;
            tranche.ReleasedAt = entry.RecordedAt;
            tranche.PaymentReference = entry.PaymentReference;
            await tranches.ReplaceAsync(tranche, cancellationToken);
        }

        await applications.AppendHistoryAsync(app.ApplicationId, entry.RecordedAt, $"tranche-{tranche.Number}-released", app.Status, entry.ReleasedBy,
            $"Tranche {tranche.Number} released, payment reference {entry.PaymentReference}.", cancellationToken);
        await facts.RecordReleaseAsync(app.Edition, app.ApplicationId, tranche.Number, entry.AmountCentimes, cancellationToken);
        await client.RaiseEventAsync(ApplicationIds.Instance(app.ApplicationId), nameof(TrancheReleased),
            new TrancheReleased($"tranche-{tranche.Number}", tranche.Number), cancellationToken);
    }
}

public sealed record ReleaseAnswer(string ApplicationId, int Tranche, string Status, decimal Amount, string PaymentReference, string ValueDate,
    DateTimeOffset ReleasedAt, string IdempotencyKey);
