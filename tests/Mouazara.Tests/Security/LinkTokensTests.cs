using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Mouazara.Security;

namespace Mouazara.Tests.Security;

/// <summary>Signed links emailed to applicants and committee members.</summary>
public sealed class LinkTokensTests
{
    static readonly byte[] CurrentKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    static readonly byte[] OldKey = Enumerable.Range(101, 40).Select(i => (byte)i).ToArray();
    static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    sealed class FakeTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    static LinkTokens Tokens(byte[] key, byte[]? previous = null, TimeProvider? time = null) =>
        new(Options.Create(new LinkOptions
        {
            SigningKey = Convert.ToBase64String(key),
            PreviousSigningKey = previous is null ? null : Convert.ToBase64String(previous),
        }), time ?? new FakeTime(Now));

    static LinkClaims Review(long expiresAt) =>
        new(LinkPurposes.Review, "MZ-0123456789AB", "demo", expiresAt, MemberId: "council-1");

    static long InAnHour => Now.AddHours(1).ToUnixTimeSeconds();

    /// <summary>Signs a payload the way a link is signed, computed here independently of the class.</summary>
    static string SignIndependently(byte[] key, string payload) =>
        payload + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("mouazara-link-v1." + payload)));

    [Fact]
    public void A_link_issued_for_a_purpose_verifies_for_that_purpose_with_all_its_claims()
    {
        var tokens = Tokens(CurrentKey);
        var claims = new LinkClaims(LinkPurposes.Upload, "MZ-0123456789AB", "demo", InAnHour, DocumentType: "budget", Stage: "documents");

        var verified = tokens.Verify(tokens.Issue(claims), LinkPurposes.Upload);

        Assert.Equal(claims, verified);
    }

    [Fact]
    public void The_same_claims_always_give_the_same_token_and_different_claims_a_different_one()
    {
        var tokens = Tokens(CurrentKey);

        Assert.Equal(tokens.Issue(Review(InAnHour)), Tokens(CurrentKey).Issue(Review(InAnHour)));
        Assert.NotEqual(tokens.Issue(Review(InAnHour)), tokens.Issue(Review(InAnHour + 1)));
        Assert.NotEqual(tokens.Issue(Review(InAnHour)), tokens.Issue(Review(InAnHour) with { MemberId = "civil-1" }));
    }

    [Fact]
    public void A_token_is_safe_in_a_URL_path_without_escaping()
    {
        var token = Tokens(CurrentKey).Issue(Review(InAnHour) with { ApplicationId = "MZ-????>>>>~~~~" });

        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void The_signature_is_HMAC_SHA256_over_the_domain_and_payload_with_the_signing_key()
    {
        var token = Tokens(CurrentKey).Issue(Review(InAnHour));
        var payload = token[..token.IndexOf('.', StringComparison.Ordinal)];

        Assert.Equal(SignIndependently(CurrentKey, payload), token);
    }

    [Fact]
    public void A_link_for_one_purpose_does_not_open_another()
    {
        var tokens = Tokens(CurrentKey);
        var token = tokens.Issue(Review(InAnHour));

        Assert.Null(tokens.Verify(token, LinkPurposes.Upload));
        Assert.Null(tokens.Verify(token, LinkPurposes.Status));
        Assert.NotNull(tokens.Verify(token, LinkPurposes.Review));
    }

    [Fact]
    public void A_link_stops_working_after_its_expiry_second()
    {
        var time = new FakeTime(Now);
        var tokens = Tokens(CurrentKey, time: time);
        var token = tokens.Issue(Review(InAnHour));

        time.Now = Now.AddHours(1);
        Assert.NotNull(tokens.Verify(token, LinkPurposes.Review));

        time.Now = Now.AddHours(1).AddSeconds(1);
        Assert.Null(tokens.Verify(token, LinkPurposes.Review));
    }

    [Fact]
    public void Changing_any_character_of_the_payload_or_signature_invalidates_the_link()
    {
        var tokens = Tokens(CurrentKey);
        var token = tokens.Issue(Review(InAnHour));

        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.')
            {
                continue;
            }

            var replacement = token[i] == 'A' ? 'B' : 'A';
            var tampered = token[..i] + replacement + token[(i + 1)..];
            Assert.Null(tokens.Verify(tampered, LinkPurposes.Review));
        }
    }

    [Fact]
    public void Claims_from_one_link_with_the_signature_of_another_are_refused()
    {
        var tokens = Tokens(CurrentKey);
        var mine = tokens.Issue(Review(InAnHour));
        var other = tokens.Issue(Review(InAnHour) with { ApplicationId = "MZ-ZZZZZZZZZZZZ" });

        var spliced = other[..other.IndexOf('.', StringComparison.Ordinal)] + mine[mine.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Null(tokens.Verify(spliced, LinkPurposes.Review));
    }

    [Fact]
    public void Extended_claims_signed_with_another_key_are_refused()
    {
        var forged = Tokens(OldKey).Issue(Review(Now.AddYears(10).ToUnixTimeSeconds()));

        Assert.Null(Tokens(CurrentKey).Verify(forged, LinkPurposes.Review));
    }

    [Fact]
    public void After_a_key_rotation_links_signed_with_the_previous_key_still_open()
    {
        var before = Tokens(OldKey).Issue(Review(InAnHour));
        var rotated = Tokens(CurrentKey, previous: OldKey);

        Assert.Equal(Review(InAnHour), rotated.Verify(before, LinkPurposes.Review));
        Assert.NotNull(rotated.Verify(rotated.Issue(Review(InAnHour)), LinkPurposes.Review));
    }

    [Fact]
    public void After_a_rotation_new_links_are_signed_with_the_new_key_not_the_previous_one()
    {
        var rotated = Tokens(CurrentKey, previous: OldKey);
        var token = rotated.Issue(Review(InAnHour));

        Assert.NotNull(Tokens(CurrentKey).Verify(token, LinkPurposes.Review));
        Assert.Null(Tokens(OldKey).Verify(token, LinkPurposes.Review));
    }

    [Fact]
    public void Once_the_previous_key_is_dropped_its_links_are_refused()
    {
        var before = Tokens(OldKey).Issue(Review(InAnHour));

        Assert.Null(Tokens(CurrentKey).Verify(before, LinkPurposes.Review));
    }

    [Fact]
    public void A_rotated_link_still_expires_and_keeps_its_purpose()
    {
        var time = new FakeTime(Now);
        var before = Tokens(OldKey).Issue(Review(InAnHour));
        var rotated = Tokens(CurrentKey, previous: OldKey, time: time);

        Assert.Null(rotated.Verify(before, LinkPurposes.Upload));
        time.Now = Now.AddDays(1);
        Assert.Null(rotated.Verify(before, LinkPurposes.Review));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData(".abc")]
    [InlineData("abc.")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData("e30.%%%")]
    [InlineData("é.é")]
    public void Garbage_in_place_of_a_token_is_refused_without_an_exception(string? token)
    {
        Assert.Null(Tokens(CurrentKey).Verify(token, LinkPurposes.Review));
    }

    [Fact]
    public void An_overlong_token_is_refused_before_any_work()
    {
        var tokens = Tokens(CurrentKey);
        var longClaims = Review(InAnHour) with { Stage = new string('s', 2000) };

        Assert.Null(tokens.Verify(tokens.Issue(longClaims), LinkPurposes.Review));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{\"p\":1}")]
    [InlineData("{}")]
    public void A_correctly_signed_payload_that_is_not_link_claims_is_refused(string json)
    {
        var token = SignIndependently(CurrentKey, Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json)));

        Assert.Null(Tokens(CurrentKey).Verify(token, LinkPurposes.Review));
    }

    [Fact]
    public void A_correctly_signed_payload_with_valid_claims_is_accepted()
    {
        // The counterpart of the test above: the independent signer is right, so refusals there are about the payload.
        var json = "{\"p\":\"review\",\"a\":\"MZ-0123456789AB\",\"e\":\"demo\",\"x\":" + InAnHour + ",\"m\":\"council-1\"}";
        var token = SignIndependently(CurrentKey, Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(Review(InAnHour), Tokens(CurrentKey).Verify(token, LinkPurposes.Review));
    }

    [Fact]
    public void A_signing_key_shorter_than_32_bytes_is_refused_at_start()
    {
        Assert.Throws<InvalidOperationException>(() => Tokens(new byte[31]));
        Assert.Throws<InvalidOperationException>(() => Tokens(CurrentKey, previous: new byte[16]));
    }

    [Fact]
    public void The_stored_hash_of_a_token_is_its_lowercase_hex_SHA256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", LinkTokens.Hash("abc"));
        Assert.NotEqual(LinkTokens.Hash("abc"), LinkTokens.Hash("abd"));
    }
}
