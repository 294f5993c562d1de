using System.Security.Cryptography;

namespace Mouazara.Security;

/// <summary>
/// An HMAC-SHA256 computed as a body streams in, under every secret that may have signed it (during a rotation,
/// the new and the previous one), so a large delivery is never held whole. The webhook signatures differ only in
/// what they sign and how the header spells the result.
/// </summary>
public abstract class StreamedHmac : IDisposable
{
    readonly IncrementalHash[] hmacs;

    protected StreamedHmac(IEnumerable<byte[]> secrets, ReadOnlySpan<byte> signedPrefix)
    {
        hmacs = [.. secrets.Select(secret => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret))];
        foreach (var hmac in hmacs)
        {
            hmac.AppendData(signedPrefix);
        }
    }

    public void Append(ReadOnlySpan<byte> bodyChunk)
    {
        foreach (var hmac in hmacs)
        {
            hmac.AppendData(bodyChunk);
        }
    }

    /// <summary>The HMACs under every secret, in the order given; each call ends the computation.</summary>
    protected IReadOnlyList<byte[]> Finish() => [.. hmacs.Select(h => h.GetHashAndReset())];

    /// <summary>True when <paramref name="given"/> equals any of the HMACs, compared in constant time against all of them.</summary>
    protected static bool AnyEquals(IReadOnlyList<byte[]> expected, ReadOnlySpan<byte> given)
    {
        var any = false;
        foreach (var hash in expected)
        {
            any |= CryptographicOperations.FixedTimeEquals(hash, given);
        }

        return any;
    }

    public void Dispose()
    {
        foreach (var hmac in hmacs)
        {
            hmac.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
