




using Mouazara.Kernel;

namespace Mouazara.Tests.Kernel;

/// <summary>MAD amounts held as whole centimes.</summary>
public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0.01", 1L)]
    [InlineData("12.34", 1234L)]
    [InlineData("12.340", 1234L)]
    [InlineData("49000", 4_900_000L)]
    [InlineData("1000000000.99", 100_000_000_099L)]
    public void An_amount_with_at_most_two_significant_decimals_converts_exactly_to_centimes(string dirhams, long expected)
    {
        Assert.True(Money.TryToCentimes(decimal.Parse(dirhams, System.Globalization.CultureInfo.InvariantCulture), out var centimes));
        Assert.Equal(expected, centimes);
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("0.001")]
    [InlineData("-0.01")]
    [InlineData("-100")]
    public void A_finer_or_negative_amount_is_refused_rather_than_rounded(string dirhams)
    {
        Assert.False(Money.TryToCentimes(decimal.Parse(dirhams, System.Globalization.CultureInfo.InvariantCulture), out var centimes));
        Assert.Equal(0, centimes);
    }

    [Fact]
    public void An_amount_too_large_for_a_count_of_centimes_is_refused()
    {
        Assert.False(Money.TryToCentimes(100_000_000_000_000_000m, out _));
    }

    [Fact]
    public void An_amount_beyond_decimal_range_once_scaled_is_refused_not_thrown()
    {
        Assert.False(Money.TryToCentimes(1_000_000_000_000_000_000_000_000_000m, out _));
        Assert.False(Money.TryToCentimes(decimal.MaxValue, out _));
    }

    [Fact]
    public void Centimes_convert_back_to_dirhams_exactly()
    {
        Assert.Equal(12.34m, Money.ToDirhams(1234));
        Assert.Equal(0.01m, Money.ToDirhams(1));
        Assert.Equal(49_000m, Money.ToDirhams(4_900_000));
    }

    [Fact]
    public void An_amount_is_shown_with_two_decimals_and_the_currency_in_each_language()
    {
        var ar = Money.Format(123_456_789, Language.Ar);
        var fr = Money.Format(123_456_789, Language.Fr);

        Assert.EndsWith(" درهم", ar, StringComparison.Ordinal);
        Assert.EndsWith(" MAD", fr, StringComparison.Ordinal);
        foreach (var text in new[] { ar, fr })
        {
            var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
            Assert.Equal("123456789", digits);
            Assert.Matches(@"[.,]89 ", text);
        }
    }
}
