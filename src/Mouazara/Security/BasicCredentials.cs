using System.Security.Cryptography;
using System.Text;

namespace Mouazara.Security;

/// <summary>
/// KoboToolbox REST Services authenticate with HTTP Basic credentials set on the service (<c>user:password</c>,
/// configured at both ends). Kobo signs nothing, so the credentials are the whole proof: compared in constant time,
/// before a byte of the body is read.
/// </summary>
public static class BasicCredentials
{
    public static bool Matches(string? authorizationHeader, string expectedUserColonPassword) =>
        Matches(authorizationHeader, [expectedUserColonPassword]);

    /// <summary>Any of the credentials may be sent: during a rotation the new and the previous ones.</summary>
    public static bool Matches(string? authorizationHeader, IReadOnlyList<string> expectedUserColonPasswords)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || authorizationHeader.Length > 1024)
        {
            return false;
        }

        var encoded = authorizationHeader.AsSpan("Basic ".Length).Trim();
        Span<byte> given = stackalloc byte[768];
        if (!Convert.TryFromBase64Chars(encoded, given, out var written))
        {
            return false;
        }

        // Hash both sides so the comparison takes the same time whatever the lengths.
        var actual = SHA256.HashData(given[..written]);
        var matched = false;
        foreach (var credentials in expectedUserColonPasswords)
        {
            matched |= CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(credentials)), actual);
        }

        return matched;
    }

    /// <summary>The header Kobo sends for <paramref name="userColonPassword"/>.</summary>
    public static string Header(string userColonPassword) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userColonPassword));
}
