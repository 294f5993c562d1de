using System.Globalization;
using System.Text;

namespace Mouazara.Security;

/// <summary>
/// The generic webhook's signature: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of
/// "<c>{timestamp}.{raw body}</c>", with the timestamp in Unix seconds and at most five minutes off.
/// The HMAC is computed as the body streams in, so large deliveries are never held whole.
/// </summary>
public sealed class WebhookSignature : StreamedHmac
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    const string Prefix = "sha256=";

    public WebhookSignature(byte[] secret, string timestamp)
        : this([secret], timestamp)
    {
    }

    /// <summary>Any of <paramref name="secrets"/> may have signed: during a rotation the new and the previous one.</summary>
    public WebhookSignature(IReadOnlyList<byte[]> secrets, string timestamp)
        : base(secrets, Encoding.UTF8.GetBytes(timestamp + "."))
    {
    }

    /// <summary>Compares in constant time with the header's value, against every secret.</summary>
    public bool Matches(string? header)
    {
        var expected = Finish();
        if (!IsWellFormed(header))
        {
            return false;
        }

        return AnyEquals(expected, Convert.FromHexString(header.AsSpan(Prefix.Length)));
    }

    /// <summary>True when the header could be a signature at all (<c>sha256=</c> and 64 hex digits): checked before any byte of the body is read.</summary>
    public static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? header) =>
        header is not null && header.Length == Prefix.Length + 64 && header.StartsWith(Prefix, StringComparison.Ordinal)
        && header.AsSpan(Prefix.Length).ContainsAnyExcept(HexDigits) is false;

    static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
    /// <summary>True when the timestamp is a Unix time within the tolerance of now.</summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now)
    {
        if (timestamp is null || timestamp.Length > 12
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var delta = Math.Abs(now.ToUnixTimeSeconds() - seconds);
        return delta <= Tolerance.TotalSeconds;
    }

    /// <summary>What a sender puts in the header; used by the tools that post sample submissions.</summary>
    public static string Compute(byte[] secret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var signature = new WebhookSignature(secret, timestamp);
        signature.Append(body);
        return Prefix + Convert.ToHexStringLower(signature.Finish()[0]);
    }
}
