namespace Mouazara.Disbursement;

/// <summary>
/// Splits an award by the tranche plan's percentages into whole centimes that add up exactly to the award:
/// each share is rounded down, and the centimes left over go to the largest remainders, earliest first.
/// </summary>
public static class TrancheSplit
{
    public static long[] Split(long totalCentimes, IReadOnlyList<decimal> percents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalCentimes);
        if (percents.Count == 0 || percents.Any(p => p <= 0) || percents.Sum() != 100)
        {
            throw new ArgumentException("Tranche shares must be positive and add up to 100.", nameof(percents));
        }

        var exact = percents.Select(p => totalCentimes * p / 100m).ToArray();
        var amounts = exact.Select(e => (long)decimal.Floor(e)).ToArray();
        var left = totalCentimes - amounts.Sum();
        foreach (var index in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - amounts[i]).ThenBy(i => i).Take((int)left))
        {
            amounts[index]++;
        }

        return amounts;
    }
}
