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
    readonly IncrementalHash[] hmacs;
    readonly string prefix;

    ProviderSignature(IReadOnlyList<string> secrets, string prefix)
    {
        hmacs = secrets.Select(secret => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret))).ToArray();
        this.prefix = prefix;
    }

    /// <summary>Any of <paramref name="secrets"/> may have signed: during a rotation the new and the previous one.</summary>
    public static ProviderSignature Typeform(params IReadOnlyList<string> secrets) => new(secrets, TypeformPrefix);

    /// <inheritdoc cref="Typeform"/>
    public static ProviderSignature Tally(params IReadOnlyList<string> secrets) => new(secrets, "");

    public void Append(ReadOnlySpan<byte> bodyChunk)
    {
        foreach (var hmac in hmacs)
        {
            hmac.AppendData(bodyChunk);
        }
    }

    /// <summary>Compares in constant time with the header's value; a missing or malformed header never matches.</summary>
    public bool Matches(string? header)
    {
        var expected = hmacs.Select(h => h.GetHashAndReset()).ToList();
        if (header is null || !header.StartsWith(prefix, StringComparison.Ordinal) || header.Length > prefix.Length + 64)
        {
            return false;
        }

        var given = new byte[48];
        if (!Convert.TryFromBase64Chars(header.AsSpan(prefix.Length).Trim(), given, out var written) || written != expected[0].Length)
        {
            return false;
        }

        return expected.Aggregate(false, (any, hash) => CryptographicOperations.FixedTimeEquals(hash, given.AsSpan(0, written)) | any);
    }

    /// <summary>The header value a provider would send for <paramref name="body"/>; used by tools that post samples.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body, bool typeform) =>
        (typeform ? TypeformPrefix : "") + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public void Dispose()
    {
        foreach (var hmac in hmacs)
        {
            hmac.Dispose();
        }
    }
}

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
