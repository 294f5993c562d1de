using Mouazara.Indicators;

namespace Mouazara.Tests.Indicators;

/// <summary>Nearest rank: the P-th percentile of n sorted values is the value at rank ceil(P/100 × n), always one of them.</summary>
public sealed class PercentilesTests
{
    [Theory]
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 50, 35)]   // rank ceil(2.5) = 3
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 90, 50)]   // rank ceil(4.5) = 5
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 30, 20)]   // rank ceil(1.5) = 2
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 40, 20)]   // rank exactly 2
    [InlineData(new double[] { 1, 2, 3, 4 }, 50, 2)]            // an even count: the lower middle, no averaging
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 90, 9)] // rank exactly 9, not 10 by a rounding error
    [InlineData(new double[] { 7 }, 50, 7)]
    [InlineData(new double[] { 7 }, 90, 7)]
    [InlineData(new double[] { 3, 5 }, 100, 5)]
    [InlineData(new double[] { 3, 5 }, 0.1, 3)]
    public void The_percentile_is_the_value_at_the_nearest_rank(double[] sorted, double percent, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(sorted, percent));

    [Fact]
    public void No_values_have_no_percentile() => Assert.Null(Percentiles.NearestRank([], 50));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.5)]
    public void A_percent_outside_zero_to_a_hundred_is_refused(double percent) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Percentiles.NearestRank([1, 2], percent));

    [Fact]
    public void Every_percentile_is_one_of_the_values_and_grows_with_the_percent()
    {
        var random = new Random(11);
        for (var run = 0; run < 200; run++)
        {
            var values = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Math.Round(random.NextDouble() * 100, 1)).Order().ToList();
            double? previous = null;
            for (var percent = 1; percent <= 100; percent++)
            {
                var value = Percentiles.NearestRank(values, percent)!.Value;
                Assert.Contains(value, values);
                Assert.True(previous is null || value >= previous);
                // At least percent% of the values are at or below it, and fewer than percent% strictly below it.
                Assert.True(values.Count(v => v <= value) * 100 >= percent * values.Count);
                Assert.True(values.Count(v => v < value) * 100 < percent * values.Count);
                previous = value;
            }
        }
    }
}
