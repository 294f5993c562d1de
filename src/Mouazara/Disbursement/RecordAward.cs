using System.Text.Json;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Disbursement;

/// <summary>
/// Stage 4: records the award (the amount and funder the edition's selection gave it, or the requested amount for an
/// application of the first lifecycle) and creates its tranches, pending, so that finance can see what will fall due.
/// </summary>
[DurableTask(nameof(RecordAward))]
public sealed class RecordAward(TrancheStore tranches, EditionStore editions, ApplicationStore applications, IndicatorFactStore facts) : TaskActivity<AwardInput, Award>
{
    public override async Task<Award> RunAsync(TaskActivityContext context, AwardInput input)
    {
        var edition = await editions.GetAsync(input.Edition);
        var app = await applications.GetAsync(input.Edition, input.ApplicationId);
        if (app.AwardJson is not null)
        {
            var recorded = JsonSerializer.Deserialize<Award>(app.AwardJson, Json.Options)!;
            await facts.RecordAwardAsync(input.Edition, input.ApplicationId, recorded.Funder, recorded.AmountCentimes);
            return recorded;
        }

        var total = input.AmountCentimes ?? app.RequestedCentimes;
        var amounts = TrancheSplit.Split(total, edition.Tranches.Select(t => t.Percent).ToList());
        var award = new Award(total,
            edition.Tranches.Select((t, i) => new AwardTranche(i + 1, t.Percent, amounts[i], t.Requires)).ToList(), input.At, input.Funder);
        foreach (var tranche in award.Tranches)
        {
            await tranches.TryAddAsync(new TrancheEntity
            {
                PartitionKey = input.ApplicationId,
                RowKey = TrancheEntity.Key(tranche.Number),
                Edition = input.Edition,
                Number = tranche.Number,
                AmountCentimes = tranche.AmountCentimes,
                Status = TrancheStatuses.Pending,
                Requires = tranche.Requires,
            });
        }

        await applications.UpdateAsync(input.Edition, input.ApplicationId, a => a.AwardJson = JsonSerializer.Serialize(award, Json.Options));
        await facts.RecordAwardAsync(input.Edition, input.ApplicationId, award.Funder, award.AmountCentimes);
        return award;
    }
}
