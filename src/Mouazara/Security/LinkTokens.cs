using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Mouazara.Security;

/// <summary>
/// Issues and verifies signed links. The same claims always give the same token, so an activity that is
/// retried emails the very link it issued the first time.
/// </summary>
public sealed class LinkTokens
{
    static readonly byte[] Domain = Encoding.ASCII.GetBytes("mouazara-link-v1.");
    readonly byte[] key;
    readonly byte[]? previousKey;
    readonly TimeProvider time;

    public LinkTokens(IOptions<LinkOptions> options, TimeProvider time)
    {
        key = DecodeKey(options.Value.SigningKey);
        previousKey = string.IsNullOrWhiteSpace(options.Value.PreviousSigningKey) ? null : DecodeKey(options.Value.PreviousSigningKey);
        this.time = time;
    }

    static byte[] DecodeKey(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Links:SigningKey must be at least 32 bytes of base64.");
        }

        return bytes;
    }

    public string Issue(LinkClaims claims)
    {
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        return payload + "." + Base64Url.EncodeToString(Sign(key, payload));
    }

    /// <summary>Verifies signature, expiry and purpose; null means the link is not valid for that purpose.</summary>
    public LinkClaims? Verify(string? token, string purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.'))
        {
            return null;
        }

        var payload = token[..dot];
        byte[] signature;
        byte[] json;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            json = Base64Url.DecodeFromChars(payload);
        }
        catch (FormatException)
        {
            return null;
        }

        var valid = CryptographicOperations.FixedTimeEquals(signature, Sign(key, payload))
            || (previousKey is not null && CryptographicOperations.FixedTimeEquals(signature, Sign(previousKey, payload)));
        if (!valid)
        {
            return null;
        }

        LinkClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize<LinkClaims>(json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (claims is null || claims.Purpose != purpose || claims.ExpiresAt < time.GetUtcNow().ToUnixTimeSeconds())
        {
            return null;
        }

        return claims;
    }

    /// <summary>What review tasks store instead of the raw token.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    static byte[] Sign(byte[] signingKey, string payload)
    {
        var data = new byte[Domain.Length + Encoding.ASCII.GetByteCount(payload)];
        Domain.CopyTo(data, 0);
        Encoding.ASCII.GetBytes(payload, 0, payload.Length, data, Domain.Length);
        return HMACSHA256.HashData(signingKey, data);
    }
}

/// <summary>
/// The claims inside a signed link. Short property names keep emailed URLs short; an expiry makes a
/// leaked link useless after its stage is over. Reader names whom a download link was issued to
/// (<c>staff:{subject}</c>, <c>finance:{subject}</c>, <c>reviewer:{memberId}</c>, <c>applicant</c>).
/// </summary>
public sealed record LinkClaims(
    [property: JsonPropertyName("p")] string Purpose,
    [property: JsonPropertyName("a")] string ApplicationId,
    [property: JsonPropertyName("e")] string Edition,
    [property: JsonPropertyName("x")] long ExpiresAt,
    [property: JsonPropertyName("d")] string? DocumentType = null,
    [property: JsonPropertyName("m")] string? MemberId = null,
    [property: JsonPropertyName("s")] string? Stage = null,
    // Left out when null so the tokens of the other purposes keep their exact bytes.
    [property: JsonPropertyName("r"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reader = null);
