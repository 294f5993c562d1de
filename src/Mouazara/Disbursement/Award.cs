using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Disbursement;

/// <summary>What the funding agreement grants: the amount and its tranche plan.</summary>
public sealed record Award(long AmountCentimes, IReadOnlyList<AwardTranche> Tranches, DateTimeOffset AwardedAt)
{
    public decimal Amount => Money.ToDirhams(AmountCentimes);
}

public sealed record AwardTranche(int Number, decimal Percent, long AmountCentimes, string? Requires)
{
    public decimal Amount => Money.ToDirhams(AmountCentimes);
}

public sealed record AwardInput(string ApplicationId, string Edition, DateTimeOffset At);
