using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Kernel;

namespace Mouazara.Disbursement;

/// <summary>
/// Cancels every tranche not yet released (withdrawal, lapsed award) and records how much of the award returns
/// to its funder's envelope. A tranche the ledger already holds stays paid: the ledger is the truth.
/// </summary>
[DurableTask(nameof(CancelTranches))]
public sealed class CancelTranches(TrancheStore tranches, ApplicationStore applications) : TaskActivity<TrancheCancellation, ReturnedMoney>
{
    public override async Task<ReturnedMoney> RunAsync(TaskActivityContext context, TrancheCancellation input)
    {
        var app = await applications.GetAsync(input.Edition, input.ApplicationId);
        if (app.AwardJson is null)
        {
            return new ReturnedMoney(null, 0, 0);
        }

        var award = JsonSerializer.Deserialize<Award>(app.AwardJson, Json.Options)!;
        var released = (await tranches.ListReleasesAsync(input.ApplicationId)).ToDictionary(l => l.RowKey, StringComparer.Ordinal);
        long returned = 0;
        var cancelled = 0;
        foreach (var tranche in await tranches.ListAsync(input.ApplicationId))
        {
            if (released.ContainsKey(tranche.RowKey))
            {
                continue;
            }

            returned += tranche.AmountCentimes;
            if (tranche.Status != TrancheStatuses.Cancelled)
            {
                tranche.Status = TrancheStatuses.Cancelled;
                await tranches.ReplaceAsync(tranche);
                cancelled++;
            }
        }

        await applications.UpdateAsync(input.Edition, input.ApplicationId, a => a.ReturnedCentimes = returned);
        await applications.AppendHistoryAsync(input.ApplicationId, input.At, "tranches-cancelled", app.Status, input.Actor,
            $"{input.Why}: unpaid tranches cancelled; {Money.ToDirhams(returned):0.00} MAD returns to the envelope of {award.Funder ?? "the programme"}.");
        return new ReturnedMoney(award.Funder, returned, cancelled);
    }
}

public sealed record TrancheCancellation(string ApplicationId, string Edition, DateTimeOffset At, string Actor, string Why);

public sealed record ReturnedMoney(string? Funder, long AmountCentimes, int TranchesCancelled);
