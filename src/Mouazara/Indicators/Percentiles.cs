namespace Mouazara.Indicators;

/// <summary>
/// Percentiles by the nearest-rank method: the P-th percentile of n values sorted ascending is the value at rank
/// ceil(P / 100 × n) (ranks from 1), so it is always one of the values. The median is the 50th: of 4 values, the 2nd.
/// </summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percent"/>-th percentile (0 &lt; percent ≤ 100) of <paramref name="sorted"/>; null when empty.</summary>
    public static double? NearestRank(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (sorted.Count == 0)
        {
            return null;
        }

        // Decimal arithmetic, so that 90% of 10 is exactly rank 9 and not 9.000000000000002.
        var rank = (int)Math.Ceiling((decimal)percent / 100m * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
