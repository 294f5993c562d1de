using System.Net;
using System.Security.Cryptography;
using System.Text;
using Mouazara.Testing;
using Mouazara.Tests.Intake.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// A webhook secret is rotated without refusing anyone: while the setting holds the new and the previous secret,
/// deliveries proven by either are accepted, and anything else is still refused.
/// </summary>
public sealed class SecretRotationTests
{
    [Theory]
    [InlineData("kobo")]
    [InlineData("typeform")]
    [InlineData("tally")]
    public async Task A_provider_still_on_the_previous_secret_is_accepted_and_a_third_secret_is_refused(string provider)
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("rot");
        var form = Samples.NewFormId("rot");
        stack.WriteMapping(provider, edition, form);
        var (sample, previous, other) = provider switch
        {
            "kobo" => (Samples.Kobo(stack.Files, form), IntakeStack.PreviousKoboCredentials, "kobo-rest-old:not-the-password"),
            "typeform" => (Samples.Typeform(stack.Files, form), IntakeStack.PreviousTypeformSecret, "typeform-some-other-secret"),
            _ => (Samples.Tally(stack.Files, form), IntakeStack.PreviousTallySecret, "tally-some-other-secret"),
        };

        using (var refused = await stack.PostAsync(provider, sample.Bytes, Proof(provider, other, sample.Bytes)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.DoesNotContain(await stack.DeliveriesAsync(provider: provider), d => d!["id"]!.GetValue<string>() == $"{provider}-{sample.SubmissionId}");

        using var accepted = await stack.PostAsync(provider, sample.Bytes, Proof(provider, previous, sample.Bytes));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await stack.WaitForApplicationAsync(Samples.ApplicationIdFor(provider, sample.SubmissionId), documents: sample.Files.Count);
    }

    [Fact]
    public async Task A_generic_sender_still_on_the_previous_secret_is_accepted_and_a_third_secret_is_refused()
    {
        var stack = await IntakeStack.SharedAsync();
        var edition = await stack.NewEditionAsync("rot");
        var body = TestSubmissions.Bytes(TestSubmissions.Build(edition, Samples.Id("rot"), ["statutes"]));

        using (var refused = await stack.Client.SubmitAsync(body, secret: "generic-some-other-secret"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var accepted = await stack.Client.SubmitAsync(body, secret: IntakeStack.PreviousGenericSecret);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    static Dictionary<string, string> Proof(string provider, string secret, byte[] body) => provider switch
    {
        "kobo" => new() { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) },
        "typeform" => new() { ["Typeform-Signature"] = "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)) },
        _ => new() { ["Tally-Signature"] = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)) },
    };
}
