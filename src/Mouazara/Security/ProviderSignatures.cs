using System.Security.Cryptography;
using System.Text;

namespace Mouazara.Security;

/// <summary>
/// Typeform's and Tally's webhook signatures: base64 of HMAC-SHA256(secret, raw body), with a <c>sha256=</c>
/// prefix for Typeform (<c>Typeform-Signature</c>) and none for Tally (<c>Tally-Signature</c>). Computed over the
/// bytes exactly as they arrive, never over re-serialised JSON, which would rewrite Arabic text and key order.
/// Neither provider signs a timestamp, so a replayed delivery verifies; the inbox's one-row-per-delivery-id is
/// what makes a replay harmless.
/// </summary>
public sealed class ProviderSignature : IDisposable
{
    public const string TypeformHeader = "Typeform-Signature";
    public const string TallyHeader = "Tally-Signature";
    const string TypeformPrefix = "sha256=";
    readonly IncrementalHash hmac;
    readonly string prefix;

    ProviderSignature(string secret, string prefix)
    {
        hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        this.prefix = prefix;
    }

    public static ProviderSignature Typeform(string secret) => new(secret, TypeformPrefix);

    public static ProviderSignature Tally(string secret) => new(secret, "");

    public void Append(ReadOnlySpan<byte> bodyChunk) => hmac.AppendData(bodyChunk);

    /// <summary>Compares in constant time with the header's value; a missing or malformed header never matches.</summary>
    public bool Matches(string? header)
    {
        var expected = hmac.GetHashAndReset();
        if (header is null || !header.StartsWith(prefix, StringComparison.Ordinal) || header.Length > prefix.Length + 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[48];
        if (!Convert.TryFromBase64Chars(header.AsSpan(prefix.Length).Trim(), given, out var written) || written != expected.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given[..written]);
    }

    /// <summary>The header value a provider would send for <paramref name="body"/>; used by tools that post samples.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body, bool typeform) =>
        (typeform ? TypeformPrefix : "") + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public void Dispose() => hmac.Dispose();
}

/// <summary>
/// KoboToolbox REST Services authenticate with HTTP Basic credentials set on the service (<c>user:password</c>,
/// configured at both ends). Kobo signs nothing, so the credentials are the whole proof: compared in constant time,
/// before a byte of the body is read.
/// </summary>
public static class BasicCredentials
{
    public static bool Matches(string? authorizationHeader, string expectedUserColonPassword)
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
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(expectedUserColonPassword));
        var actual = SHA256.HashData(given[..written]);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The header Kobo sends for <paramref name="userColonPassword"/>.</summary>
    public static string Header(string userColonPassword) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userColonPassword));
}
