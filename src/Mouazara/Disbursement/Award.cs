using Mouazara.Kernel;

namespace Mouazara.Disbursement;

/// <summary>What the funding agreement grants: the amount and its tranche plan.</summary>
/// <remarks>The funder is the edition's funder that pays it; awards made before funders existed have none.</remarks>
public sealed record Award(long AmountCentimes, IReadOnlyList<AwardTranche> Tranches, DateTimeOffset AwardedAt, string? Funder = null)
{
    public decimal Amount => Money.ToDirhams(AmountCentimes);
}

public sealed record AwardTranche(int Number, decimal Percent, long AmountCentimes, string? Requires)
{
    public decimal Amount => Money.ToDirhams(AmountCentimes);
}

/// <summary>The amount and funder come from the edition's selection; without them (the first lifecycle) the award is the request.</summary>
public sealed record AwardInput(string ApplicationId, string Edition, DateTimeOffset At, long? AmountCentimes = null, string? Funder = null);
