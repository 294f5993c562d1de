using System.Net;
using System.Security.Cryptography;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Hosting;

/// <summary>
/// Rotating the link-signing key on a running deployment: the host restarted with a new key and the old one as
/// <c>Links:PreviousSigningKey</c> still opens the links already emailed; restarted without the previous key, it refuses
/// them. Proven through the host's own configuration and HTTP, not by constructing the signer in the test.
/// </summary>
public sealed class LinkKeyRotationTests
{
    [Fact]
    public async Task After_a_restart_with_a_rotated_key_emailed_links_open_while_the_previous_key_is_set_and_not_after()
    {
        var (oldKey, newKey) = (NewKey(), NewKey());
        var edition = "rotate-" + Guid.NewGuid().ToString("N")[..8];
        string statusLink;
        var before = new LocalProcess();
        await using (before)
        {
            before.Environment["Links__SigningKey"] = oldKey;
            await before.StartAsync();
            await before.Client.PutEditionAsync(TestEditions.Fast(edition));
            var id = await before.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, edition + "-0", TestSubmissions.AllAssociationDocuments));
            statusLink = MouazaraClient.Links((await before.Client.WaitForMailsAsync(id, "status-received")).Single(), "status").Single();
            Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(before, statusLink));
        }

        await using (var rotated = new LocalProcess(before.Prefix, before.Port))
        {
            rotated.Environment["Links__SigningKey"] = newKey;
            rotated.Environment["Links__PreviousSigningKey"] = oldKey;
            await rotated.StartAsync();
            Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(rotated, statusLink));
        }

        await using var retired = new LocalProcess(before.Prefix, before.Port);
        retired.Environment["Links__SigningKey"] = newKey;
        retired.Environment["Links__PreviousSigningKey"] = "";
        await retired.StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(retired, statusLink));
    }

    static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    static async Task<HttpStatusCode> StatusOfAsync(LocalProcess host, string link)
    {
        using var answer = await host.Client.Http.GetAsync(MouazaraClient.PathOf(link));
        return answer.StatusCode;
    }
}
