using System.Globalization;

namespace Mouazara.Kernel;

/// <summary>Amounts in MAD are held as whole centimes so that sums are exact.</summary>
public static class Money
{
    public const long CentimesPerDirham = 100;

    /// <summary>Far above any envelope the programme will ever hold; keeps every sum of centimes far from overflow.</summary>
    public const decimal MaxDirhams = 1_000_000_000_000m;

    /// <summary>Converts a MAD amount with at most two decimals; anything finer is refused, not rounded.</summary>
    public static bool TryToCentimes(decimal dirhams, out long centimes)
    {
        centimes = 0;
        if (dirhams < 0 || dirhams > MaxDirhams)
        {
            return false;
        }

        var scaled = dirhams * CentimesPerDirham;
        if (scaled != decimal.Truncate(scaled))
        {
            return false;
        }

        centimes = (long)scaled;
        return true;
    }

    /// <summary>An amount already validated as MAD with at most two decimals, in centimes.</summary>
    public static long ToCentimes(decimal dirhams) =>
        TryToCentimes(dirhams, out var centimes) ? centimes : throw new ArgumentOutOfRangeException(nameof(dirhams), dirhams, "Not a MAD amount in centimes.");

    public static decimal ToDirhams(long centimes) => centimes / (decimal)CentimesPerDirham;

    public static string Format(long centimes, Language language)
    {
        var culture = CultureInfo.GetCultureInfo(language == Language.Ar ? "ar-MA" : "fr-MA");
        return ToDirhams(centimes).ToString("N2", culture) + (language == Language.Ar ? " درهم" : " MAD");
    }
}
