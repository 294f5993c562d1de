namespace Mouazara.Kernel;

/// <summary>
/// The Moroccan bank account number (RIB, relevé d'identité bancaire): 24 digits, 3 for the bank, 3 for the city,
/// 16 for the account and 2 for the key, where key = 97 - ((bank·city·account as a number) × 100 mod 97).
/// </summary>
public static class Rib
{
    public const int Length = 24;

    public const string FormatError = "A Moroccan RIB: 24 digits (3 bank, 3 city, 16 account, 2 key); spaces are allowed.";

    public const string KeyError = "The RIB's key (its last two digits) does not match the bank, city and account digits: check it against the bank certificate.";

    /// <summary>The key of the first 22 digits (bank, city, account), 1 to 97.</summary>
    public static int Key(ReadOnlySpan<char> first22)
    {
        if (first22.Length != Length - 2)
        {
            throw new ArgumentException("Give the 22 digits before the key.", nameof(first22));
        }

        // The number has 22 digits, beyond a long: reduce it digit by digit.
        var remainder = 0;
        foreach (var c in first22)
        {
            if (c is < '0' or > '9')
            {
                throw new ArgumentException("Digits only.", nameof(first22));
            }

            remainder = ((remainder * 10) + (c - '0')) % 97;
        }

        return 97 - (remainder * 100 % 97);
    }

    /// <summary>The RIB as 24 digits with its key checked, or the reason it is not one (<see cref="FormatError"/> or <see cref="KeyError"/>).</summary>
    public static bool TryNormalize(string input, out string rib, out string? error)
    {
        rib = "";
        var digits = new string(input.Where(c => c != ' ').ToArray());
        if (digits.Length != Length || digits.Any(c => c is < '0' or > '9'))
        {
            error = FormatError;
            return false;
        }

        if (Key(digits.AsSpan(0, Length - 2)) != int.Parse(digits.AsSpan(Length - 2), System.Globalization.CultureInfo.InvariantCulture))
        {
            error = KeyError;
            return false;
        }

        rib = digits;
        error = null;
        return true;
    }
}
