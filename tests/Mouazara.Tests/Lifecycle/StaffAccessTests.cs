using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mouazara.Security;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Lifecycle;

/// <summary>Staff's view of applications is for bearer tokens with the staff role, validly signed, and its filters are checked.</summary>
public sealed class StaffAccessTests
{
    static async Task<(LocalStack Stack, string Edition, string ApplicationId)> ApplicationAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var edition = LocalStack.NewId("staff");
        await stack.Client.PutEditionAsync(Steps.PatientEdition(edition));
        var id = await stack.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
        return (stack, edition, id);
    }

    static string Token(string base64Key, string role, TimeSpan lifetime, DateTimeOffset now, string audience = "api://mouazara") =>
        BearerAuthenticator.MintDevelopmentToken(base64Key, audience, role, "test-user", lifetime, now);

    [Fact]
    public async Task Reading_an_application_without_a_token_is_401_with_a_Bearer_challenge()
    {
        var (stack, _, id) = await ApplicationAsync();

        using var response = await stack.Client.SendAsync(HttpMethod.Get, "api/applications/" + id);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Reading_an_application_with_a_finance_token_before_it_has_an_award_is_403()
    {
        var (stack, _, id) = await ApplicationAsync();

        using var response = await stack.Client.SendAsync(HttpMethod.Get, "api/applications/" + id, await stack.Client.FinanceTokenAsync());

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "finance-no-award");
    }

    [Fact]
    public async Task Reading_an_application_with_a_token_that_is_not_valid_is_401()
    {
        var (stack, _, id) = await ApplicationAsync();
        var realKey = stack.Host.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevSigningKey!;
        var now = DateTimeOffset.UtcNow;
        var tokens = new Dictionary<string, string>
        {
            ["signed by another key"] = Token(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Roles.Staff, TimeSpan.FromHours(1), now),
            ["expired"] = Token(realKey, Roles.Staff, TimeSpan.FromMinutes(10), now.AddHours(-2)),
            ["for another audience"] = Token(realKey, Roles.Staff, TimeSpan.FromHours(1), now, "api://someone-else"),
            ["garbage"] = "not.a.jwt",
        };

        foreach (var (what, token) in tokens)
        {
            using var response = await stack.Client.SendAsync(HttpMethod.Get, "api/applications/" + id, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"A token {what}: {(int)response.StatusCode}");
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }

        // The same key the host signs with, freshly minted, is accepted: the refusals above are about the token, not the call.
        using var valid = await stack.Client.SendAsync(HttpMethod.Get, "api/applications/" + id, Token(realKey, Roles.Staff, TimeSpan.FromHours(1), now));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task Listing_with_an_unknown_status_is_422_naming_status()
    {
        var (stack, edition, _) = await ApplicationAsync();

        using var response = await stack.Client.SendAsync(HttpMethod.Get, $"api/applications?edition={edition}&status=approved", await stack.Client.StaffTokenAsync());

        await Problem.AssertInvalidAsync(response, "status");
    }

    [Fact]
    public async Task Listing_without_a_token_is_401_and_with_a_finance_token_403()
    {
        var (stack, edition, _) = await ApplicationAsync();

        using (var anonymous = await stack.Client.SendAsync(HttpMethod.Get, "api/applications?edition=" + edition))
        {
            await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        }

        using var finance = await stack.Client.SendAsync(HttpMethod.Get, "api/applications?edition=" + edition, await stack.Client.FinanceTokenAsync());
        await Problem.AssertAsync(finance, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Reading_an_application_that_does_not_exist_is_404()
    {
        var stack = await LocalStack.SharedAsync();

        await Steps.AssertUnknownApplicationAsync(stack.Client, Mouazara.Applications.ApplicationIds.For("generic", LocalStack.NewId("nobody")));
    }
}
