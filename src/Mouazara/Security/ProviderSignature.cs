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
public sealed class ProviderSignature : StreamedHmac
{
    public const string TypeformHeader = "Typeform-Signature";
    public const string TallyHeader = "Tally-Signature";
    const string TypeformPrefix = "sha256=";
    readonly string prefix;

    ProviderSignature(IReadOnlyList<string> secrets, string prefix)
        : base(secrets.Select(Encoding.UTF8.GetBytes), [])
    {
        this.prefix = prefix;
    }

    /// <summary>Any of <paramref name="secrets"/> may have signed: during a rotation the new and the previous one.</summary>
    public static ProviderSignature Typeform(params IReadOnlyList<string> secrets) => new(secrets, TypeformPrefix);

    /// <inheritdoc cref="Typeform"/>
    public static ProviderSignature Tally(params IReadOnlyList<string> secrets) => new(secrets, "");

    /// <summary>Compares in constant time with the header's value; a missing or malformed header never matches.</summary>
    public bool Matches(string? header)
    {
        var expected = Finish();
        var given = new byte[48];
        if (!TryDecode(header, given, out var written))
        {
            return false;
        }

        return AnyEquals(expected, given.AsSpan(0, written));
    }

    /// <summary>True when the header could be this provider's signature at all (its prefix and the base64 of 32 bytes): checked before the body is read.</summary>
    public bool IsWellFormed(string? header) => TryDecode(header, new byte[48], out _);

    bool TryDecode(string? header, Span<byte> given, out int written)
    {
        written = 0;
        return header is not null && header.StartsWith(prefix, StringComparison.Ordinal) && header.Length <= prefix.Length + 64
            && Convert.TryFromBase64Chars(header.AsSpan(prefix.Length).Trim(), given, out written) && written == 32;
    }

    /// <summary>The header value a provider would send for <paramref name="body"/>; used by tools that post samples.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body, bool typeform) =>
        (typeform ? TypeformPrefix : "") + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
