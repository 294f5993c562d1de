using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mouazara.Security;

namespace Mouazara.Tests.Security;

/// <summary>The generic webhook's HMAC signature and timestamp freshness.</summary>
public sealed class WebhookSignatureTests
{
    static readonly byte[] Secret = Encoding.UTF8.GetBytes("secret");

    /// <summary>HMAC-SHA256 over "timestamp.body", computed here without the class under test.</summary>
    static string Expected(byte[] secret, string timestamp, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray()));

    [Fact]
    public void The_signature_of_a_known_delivery_matches_the_value_openssl_gives()
    {
        // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        const string openssl = "sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686";

        Assert.Equal(openssl, WebhookSignature.Compute(Secret, "1700000000", "{\"a\":1}"u8));

        using var signature = new WebhookSignature(Secret, "1700000000");
        signature.Append("{\"a\":1}"u8);
        Assert.True(signature.Matches(openssl));
    }

    [Fact]
    public void The_signature_is_HMAC_SHA256_of_timestamp_dot_raw_body_in_lowercase_hex()
    {
        var body = Encoding.UTF8.GetBytes("{\"submissionId\":\"s-1\",\"applicant\":{\"name\":\"جمعية الأمل\"}}");

        Assert.Equal(Expected(Secret, "1760000000", body), WebhookSignature.Compute(Secret, "1760000000", body));
    }

    [Fact]
    public void A_body_streamed_in_chunks_of_any_size_verifies_like_the_whole()
    {
        var body = new byte[10_000];
        new Random(7).NextBytes(body);
        var header = Expected(Secret, "1760000000", body);

        foreach (var chunk in new[] { 1, 3, 64, 4096, 10_000 })
        {
            using var signature = new WebhookSignature(Secret, "1760000000");
            for (var offset = 0; offset < body.Length; offset += chunk)
            {
                signature.Append(body.AsSpan(offset, Math.Min(chunk, body.Length - offset)));
            }

            Assert.True(signature.Matches(header), $"chunks of {chunk}");
        }
    }

    [Fact]
    public void A_body_changed_by_one_byte_does_not_match()
    {
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        var header = Expected(Secret, "1700000000", body);

        using var signature = new WebhookSignature(Secret, "1700000000");
        signature.Append(Encoding.UTF8.GetBytes("{\"a\":2}"));

        Assert.False(signature.Matches(header));
    }

    [Fact]
    public void A_signature_for_another_timestamp_or_secret_does_not_match()
    {
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");

        using (var signature = new WebhookSignature(Secret, "1700000001"))
        {
            signature.Append(body);
            Assert.False(signature.Matches(Expected(Secret, "1700000000", body)));
        }

        using (var signature = new WebhookSignature(Encoding.UTF8.GetBytes("other"), "1700000000"))
        {
            signature.Append(body);
            Assert.False(signature.Matches(Expected(Secret, "1700000000", body)));
        }
    }

    [Fact]
    public void During_a_rotation_either_secret_matches_and_a_third_does_not()
    {
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        var previous = Encoding.UTF8.GetBytes("previous");
        foreach (var (signer, matches) in new[] { (Secret, true), (previous, true), (Encoding.UTF8.GetBytes("other"), false) })
        {
            using var signature = new WebhookSignature([Secret, previous], "1700000000");
            signature.Append(body);
            Assert.Equal(matches, signature.Matches(Expected(signer, "1700000000", body)));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686")]
    [InlineData("sha1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686")]
    [InlineData("sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae4116")]
    [InlineData("sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae41168600")]
    [InlineData("sha256=zzf24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686")]
    [InlineData(" sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686")]
    [InlineData("SHA256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686")]
    public void A_malformed_signature_header_does_not_match_and_does_not_throw(string? header)
    {
        using var signature = new WebhookSignature(Secret, "1700000000");
        signature.Append("{\"a\":1}"u8);

        Assert.False(signature.Matches(header));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(300)]
    [InlineData(-300)]
    public void A_timestamp_within_five_minutes_of_now_is_fresh(int offsetSeconds)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);

        Assert.True(WebhookSignature.IsFresh((1_760_000_000 + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), now));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    [InlineData(-1_760_000_000)]
    public void A_timestamp_more_than_five_minutes_off_is_stale(int offsetSeconds)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);

        Assert.False(WebhookSignature.IsFresh((1_760_000_000L + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("now")]
    [InlineData("1760000000.5")]
    [InlineData("+1760000000")]
    [InlineData("-1760000000")]
    [InlineData(" 1760000000")]
    [InlineData("1760000000 ")]
    [InlineData("1,760,000,000")]
    [InlineData("0000001760000000")]
    [InlineData("99999999999999999999999")]
    public void A_timestamp_that_is_not_plain_unix_seconds_is_not_fresh(string? timestamp)
    {
        Assert.False(WebhookSignature.IsFresh(timestamp, DateTimeOffset.FromUnixTimeSeconds(1_760_000_000)));
    }

    /// <summary>
    /// Around any moment from 2020 to 2084, not only the one above (a parser of 32-bit seconds would refuse every
    /// delivery after January 2038): fresh exactly when at most 300 seconds off, either way.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property A_timestamp_is_fresh_exactly_when_it_is_at_most_five_minutes_off() =>
        Prop.ForAll(Arb.From(Gen.Zip(Gen.Choose(0, 2_000_000_000), Gen.OneOf(Gen.Choose(-400, 400), Gen.Choose(-100_000, 100_000)))), input =>
        {
            var now = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000L + input.Item1);
            var offset = input.Item2;
            var fresh = WebhookSignature.IsFresh((now.ToUnixTimeSeconds() + offset).ToString(System.Globalization.CultureInfo.InvariantCulture), now);
            return Prop.ToProperty(fresh == (Math.Abs(offset) <= 300)).Label($"now {now.ToUnixTimeSeconds()}, offset {offset}");
        });
}
