using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mouazara.Disbursement;

namespace Mouazara.Tests.Disbursement;

/// <summary>An award split into tranches of whole centimes that add up exactly to the award.</summary>
public sealed class TrancheSplitTests
{
    [Fact]
    public void A_sixty_forty_plan_gives_the_leftover_centime_to_the_tranche_with_the_largest_remainder()
    {
        // 33,333.33 MAD: 60% is 1,999,999.8 centimes, 40% is 1,333,333.2 centimes.
        var tranches = TrancheSplit.Split(3_333_333, [60m, 40m]);

        Assert.Equal([2_000_000L, 1_333_333L], tranches);
    }

    [Fact]
    public void An_award_that_divides_evenly_is_split_exactly_by_the_shares()
    {
        var tranches = TrancheSplit.Split(4_900_000, [50m, 30m, 20m]);

        Assert.Equal([2_450_000L, 1_470_000L, 980_000L], tranches);
    }

    [Fact]
    public void A_single_centime_goes_to_the_share_with_the_largest_fraction_not_simply_the_first()
    {
        // Exact shares 0.3333, 0.3333 and 0.3334 centimes: the third has the largest remainder.
        var tranches = TrancheSplit.Split(1, [33.33m, 33.33m, 33.34m]);

        Assert.Equal([0L, 0L, 1L], tranches);
    }

    [Fact]
    public void Equal_remainders_give_leftover_centimes_to_the_earliest_tranches()
    {
        Assert.Equal([1L, 0L], TrancheSplit.Split(1, [50m, 50m]));
        Assert.Equal([1L, 1L, 0L, 0L], TrancheSplit.Split(2, [25m, 25m, 25m, 25m]));
    }

    [Fact]
    public void A_zero_award_gives_zero_tranches()
    {
        Assert.Equal([0L, 0L], TrancheSplit.Split(0, [60m, 40m]));
    }

    [Fact]
    public void A_one_tranche_plan_pays_the_whole_award_at_once()
    {
        Assert.Equal([4_899_999L], TrancheSplit.Split(4_899_999, [100m]));
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 60.0, 30.0 })]
    [InlineData(new[] { 60.0, 50.0 })]
    [InlineData(new[] { 110.0, -10.0 })]
    [InlineData(new[] { 100.0, 0.0 })]
    public void A_plan_whose_shares_are_not_positive_or_do_not_add_up_to_100_is_refused(double[] shares)
    {
        var percents = shares.Select(s => (decimal)s).ToArray();

        Assert.Throws<ArgumentException>(() => TrancheSplit.Split(100_000, percents));
    }

    [Fact]
    public void A_negative_award_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrancheSplit.Split(-1, [100m]));
    }

    /// <summary>A valid plan: 1 to 8 positive shares with up to four decimals that add up to exactly 100.</summary>
    static Gen<decimal[]> Plans() =>
        from count in Gen.Choose(1, 8)
        from decimals in Gen.Elements(0, 1, 2, 4)
        let unit = (int)Math.Pow(10, decimals)
        from cuts in Gen.ArrayOf(Gen.Choose(1, (100 * unit) - 1), count - 1)
        let points = cuts.Distinct().Order().Prepend(0).Append(100 * unit).ToArray()
        select points.Zip(points.Skip(1), (a, b) => (decimal)(b - a) / unit).ToArray();

    static Gen<long> Totals() => Gen.OneOf(
        Gen.Choose(0, 1000).Select(n => (long)n),
        Gen.Choose(0, int.MaxValue).Select(n => (long)n),
        Gen.Choose(0, 1_000_000).SelectMany(high => Gen.Choose(0, 1_000_000).Select(low => Math.Min(1_000_000_000_000L, ((long)high * 1_000_001) + low))),
        Gen.Constant(1_000_000_000_000L));

    [Property(MaxTest = 500)]
    public Property Any_award_up_to_ten_billion_dirhams_splits_into_tranches_summing_to_it_each_within_a_centime_of_its_share() =>
        Prop.ForAll(Arb.From(Gen.Zip(Totals(), Plans())), pair =>
        {
            var (total, percents) = pair;
            var tranches = TrancheSplit.Split(total, percents);

            Assert.Equal(percents.Length, tranches.Length);
            Assert.Equal(total, tranches.Sum());
            for (var i = 0; i < percents.Length; i++)
            {
                var exact = total * percents[i] / 100m;
                Assert.True(tranches[i] >= 0, $"tranche {i} is negative: {tranches[i]}");
                Assert.True(Math.Abs(tranches[i] - exact) < 1m, $"tranche {i} is {tranches[i]} for an exact share of {exact}");
            }
        });
}
