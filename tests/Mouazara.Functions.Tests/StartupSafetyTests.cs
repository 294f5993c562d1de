using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Mouazara.Functions.Tests.Support;
using Mouazara.Security;

namespace Mouazara.Functions.Tests;

/// <summary>
/// What the Functions worker refuses at start (the checks its host runs before serving, <see cref="IStartupValidator"/>),
/// registered as Program.cs does from the committed sample plus one change: the repository's development key outside
/// a declared local development run or on Azure, and secrets holding a space.
/// </summary>
public sealed class StartupSafetyTests
{
    static IHost Worker(Dictionary<string, string?> changes) => new HostBuilder()
        .ConfigureAppConfiguration(c => c.AddInMemoryCollection(Repo.SampleSettings()).AddInMemoryCollection(changes))
        .ConfigureFunctionsWebApplication()
        .ConfigureServices((context, services) => services.AddMouazara(context.Configuration))
        .Build();

    static string Refusal(Dictionary<string, string?> changes)
    {
        using var host = Worker(changes);
        return Assert.ThrowsAny<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate()).Message;
    }

    static async Task<AuthFailure> AuthenticateDevelopmentTokenAsync(IHost host)
    {
        var sample = Repo.SampleSettings();
        var token = BearerAuthenticator.MintDevelopmentToken(sample["Auth:DevSigningKey"]!, sample["Auth:Audience"]!, Roles.Staff, "staff-officer",
            TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "Bearer " + token;
        var (_, failure) = await host.Services.GetRequiredService<BearerAuthenticator>().AuthenticateAsync(http.Request, Roles.Staff);
        return failure;
    }

    [Fact]
    public async Task With_the_samples_local_development_flag_the_worker_starts_and_accepts_development_tokens()
    {
        using var host = Worker([]);

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(AuthFailure.None, await AuthenticateDevelopmentTokenAsync(host));
    }

    [Fact]
    public void Without_the_flag_a_worker_with_the_development_key_refuses_to_start()
    {
        var message = Refusal(new() { ["Auth:AllowDevelopmentTokens"] = "false" });

        Assert.Contains("Auth:DevSigningKey is set but Auth:AllowDevelopmentTokens is not true", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Repo.SampleSettings()["Auth:DevSigningKey"]!, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_flag_the_development_key_is_refused_even_beside_Entra_ID()
    {
        var message = Refusal(new() { ["Auth:AllowDevelopmentTokens"] = "false", ["Auth:Authority"] = "https://login.microsoftonline.com/contoso/v2.0" });

        Assert.Contains("Auth:AllowDevelopmentTokens is not true", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bearer_authenticator_not_told_it_is_local_development_never_takes_the_development_key()
    {
        var options = Options.Create(new AuthOptions { DevSigningKey = Repo.SampleSettings()["Auth:DevSigningKey"] });

        Assert.Throws<InvalidOperationException>(() => new BearerAuthenticator(options));
    }

    [Theory]
    [InlineData("WEBSITE_SITE_NAME", "mouazara-func")]
    [InlineData("WEBSITE_INSTANCE_ID", "4f1c9e0b7a")]
    public void On_Azure_the_worker_refuses_to_start_with_the_development_key_even_with_the_flag(string variable, string value)
    {
        var message = Refusal(new() { [variable] = value });

        Assert.Contains("set on Azure", message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_Azure_the_flag_alone_stops_the_start_too()
    {
        var message = Refusal(new() { ["WEBSITE_SITE_NAME"] = "mouazara-func", ["Auth:DevSigningKey"] = null, ["Auth:Authority"] = "https://login.microsoftonline.com/contoso/v2.0" });

        Assert.Contains("Auth:DevSigningKey or Auth:AllowDevelopmentTokens is set on Azure", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Intake:Secrets:generic", "correct horse battery-staple")]
    [InlineData("Intake:Secrets:generic", " leading-space-secret")]
    [InlineData("Intake:Secrets:generic", "new-secret  old-secret")]
    [InlineData("Intake:Secrets:typeform", "tab\tinside")]
    [InlineData("Intake:Secrets:kobo", "mouazara-kobo:pass 9Xq")]
    [InlineData("Intake:ApiKeys:typeform", "tfp_token with-space")]
    [InlineData("Email:SendGridApiKey", "SG.key with-space")]
    [InlineData("Links:PreviousSigningKey", "j7GYv76j2IC9c8eGnYfHPFs9 blTWxrIkK0xyxEtge6c=")]
    public void A_secret_holding_a_space_stops_the_start_with_the_settings_name_and_never_its_value(string setting, string value)
    {
        var message = Refusal(new() { [setting] = value });

        Assert.Contains(setting, message, StringComparison.Ordinal);
        Assert.Contains("must not contain spaces", message, StringComparison.Ordinal);
        foreach (var part in value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.DoesNotContain(part, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Intake:Secrets:generic", "new-generic-secret old-generic-secret")]
    [InlineData("Intake:Secrets:kobo", "kobo-new:New-Password kobo-old:Old-Password")]
    public void A_rotation_of_two_secrets_separated_by_one_space_starts(string setting, string value)
    {
        using var host = Worker(new() { [setting] = value });

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }
}
