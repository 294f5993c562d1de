using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mouazara.Intake;
using Mouazara.Intake.Fetching;
using Mouazara.Tests.Intake.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// File links come from form answers, so a link must never reach what it should not (SSRF): https only, the
/// provider's configured hosts only, public addresses only (checked again after every redirect), and the
/// provider's API key never handed to another host.
/// </summary>
public sealed class FileFetchSafetyTests
{
    const long Cap = 10 * 1024 * 1024;

    static SafeFileFetcher Fetcher(string hosts, bool allowLoopback)
    {
        var options = new IntakeOptions { AllowLoopbackFetchForTests = allowLoopback };
        options.FileHosts["kobo"] = hosts;
        return new SafeFileFetcher(Options.Create(options), NullLogger<SafeFileFetcher>.Instance);
    }

    [Fact]
    public async Task By_default_a_link_to_a_loopback_server_is_refused_and_no_request_reaches_it()
    {
        Assert.False(new IntakeOptions().AllowLoopbackFetchForTests);
        var stack = await IntakeStack.SharedAsync();
        var path = "/ssrf/" + Guid.NewGuid().ToString("N") + ".pdf";
        var served = stack.Files.Serve(path, Samples.Content("application/pdf", "secret"));
        using var fetcher = Fetcher("localhost,127.0.0.1,[::1]", allowLoopback: false);

        // The file server's own link (a port other than 443), and loopback on 443 by name and by address.
        foreach (var link in new[] { served, new Uri("https://localhost" + path), new Uri("https://127.0.0.1" + path), new Uri("https://[::1]" + path) })
        {
            var (file, refusal) = await fetcher.OpenAsync("kobo", link, null, Cap, CancellationToken.None);
            Assert.Null(file);
            Assert.NotNull(refusal);
        }

        var (_, byName) = await fetcher.OpenAsync("kobo", new Uri("https://localhost" + path), null, Cap, CancellationToken.None);
        Assert.Contains("not public", byName, StringComparison.Ordinal);
        Assert.Equal(0, stack.Files.CountOf(path));
    }

    [Theory]
    [InlineData("https://169.254.169.254/metadata/instance?api-version=2021-02-01")]
    [InlineData("https://10.0.0.5/file.pdf")]
    [InlineData("https://172.16.8.1/file.pdf")]
    [InlineData("https://192.168.1.10/file.pdf")]
    [InlineData("https://100.64.0.1/file.pdf")]
    [InlineData("https://0.0.0.0/file.pdf")]
    [InlineData("https://[fe80::1]/file.pdf")]
    [InlineData("https://[fd00::1]/file.pdf")]
    [InlineData("https://[::ffff:169.254.169.254]/file.pdf")]
    [InlineData("https://2130706433/file.pdf")]
    public async Task A_link_to_a_private_link_local_or_metadata_address_is_refused_even_when_its_host_is_listed(string link)
    {
        var url = new Uri(link);
        // Listed on purpose: the address rule holds whatever the host list says.
        using var fetcher = Fetcher(url.IdnHost, allowLoopback: false);

        var (file, refusal) = await fetcher.OpenAsync("kobo", url, null, Cap, CancellationToken.None);

        Assert.Null(file);
        Assert.Contains("not public", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://kf.kobotoolbox.org/file.pdf", "https")]
    [InlineData("https://evil.example.org/file.pdf", "not a host configured")]
    [InlineData("https://kf.kobotoolbox.org.evil.example/file.pdf", "not a host configured")]
    [InlineData("https://user:password@kf.kobotoolbox.org/file.pdf", "credentials")]
    [InlineData("https://kf.kobotoolbox.org:8443/file.pdf", "port 443")]
    [InlineData("file:///etc/passwd", "https")]
    public void A_link_that_breaks_a_rule_is_refused_before_any_connection(string link, string reason)
    {
        using var fetcher = Fetcher("kf.kobotoolbox.org", allowLoopback: false);

        var refusal = fetcher.Check(new Uri(link), fetcher.AllowedHosts("kobo"));

        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Hosts_match_exactly_or_by_a_subdomain_wildcard()
    {
        Assert.True(SafeFileFetcher.IsAllowedHost("api.typeform.com", ["api.typeform.com"]));
        Assert.True(SafeFileFetcher.IsAllowedHost("API.Typeform.com.", ["api.typeform.com"]));
        Assert.True(SafeFileFetcher.IsAllowedHost("files.kobo.example.ma", ["*.kobo.example.ma"]));
        Assert.False(SafeFileFetcher.IsAllowedHost("kobo.example.ma", ["*.kobo.example.ma"]));
        Assert.False(SafeFileFetcher.IsAllowedHost("evilkobo.example.ma", ["*.kobo.example.ma"]));
        Assert.False(SafeFileFetcher.IsAllowedHost("api.typeform.com.evil.example", ["api.typeform.com"]));
        Assert.False(SafeFileFetcher.IsAllowedHost("anything", []));
    }

    [Fact]
    public async Task A_redirect_is_checked_again_and_the_api_key_is_not_sent_to_another_host()
    {
        var stack = await IntakeStack.SharedAsync();
        var run = Guid.NewGuid().ToString("N");
        var content = Samples.Content("application/pdf", "redirected " + run);
        var target = stack.Files.Serve($"/moved/{run}.pdf", content);
        // Same server, reached as another host name: 127.0.0.1 instead of localhost.
        var otherHost = new UriBuilder(target) { Host = "127.0.0.1" }.Uri;
        var toOtherHost = stack.Files.Redirect($"/redirect/{run}/other-host", otherHost.ToString());
        var toUnlisted = stack.Files.Redirect($"/redirect/{run}/unlisted", "https://evil.example.org/steal");
        var toPrivate = stack.Files.Redirect($"/redirect/{run}/private", $"https://10.0.0.1:{target.Port}/x.pdf");
        var toHttp = stack.Files.Redirect($"/redirect/{run}/http", $"http://localhost:{target.Port}/moved/{run}.pdf");
        using var fetcher = Fetcher("localhost,127.0.0.1,10.0.0.1", allowLoopback: true);
        var key = new AuthenticationHeaderValue("Token", "kobo-key-that-must-not-leak");

        var (file, refusal) = await fetcher.OpenAsync("kobo", toOtherHost, key, Cap, CancellationToken.None);
        Assert.Null(refusal);
        await using (file)
        {
            using var copy = new MemoryStream();
            await file!.Content.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }

        Assert.Equal("Token kobo-key-that-must-not-leak", stack.Files.Requests.Single(r => r.Path == $"/redirect/{run}/other-host").Authorization);
        Assert.Null(stack.Files.Requests.Single(r => r.Path == $"/moved/{run}.pdf").Authorization);

        var (_, unlisted) = await fetcher.OpenAsync("kobo", toUnlisted, key, Cap, CancellationToken.None);
        Assert.Contains("not a host configured", unlisted, StringComparison.Ordinal);
        var (_, privateAddress) = await fetcher.OpenAsync("kobo", toPrivate, key, Cap, CancellationToken.None);
        Assert.Contains("not public", privateAddress, StringComparison.Ordinal);
        var (_, http) = await fetcher.OpenAsync("kobo", toHttp, key, Cap, CancellationToken.None);
        Assert.Contains("https", http, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_announced_larger_than_the_cap_is_refused_without_reading_it()
    {
        var stack = await IntakeStack.SharedAsync();
        var path = $"/big/{Guid.NewGuid():N}.pdf";
        var link = stack.Files.Serve(path, TestFilesOfSize(2048));
        using var fetcher = Fetcher("localhost", allowLoopback: true);

        var (file, refusal) = await fetcher.OpenAsync("kobo", link, null, maxBytes: 1024, CancellationToken.None);

        Assert.Null(file);
        Assert.Contains("larger than", refusal, StringComparison.Ordinal);
    }

    static byte[] TestFilesOfSize(int size) => Testing.TestFiles.PdfOfSize(size);

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.0.9", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.254", false)]
    [InlineData("100.128.0.1", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.251", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("192.0.2.1", false)]
    [InlineData("41.214.128.1", true)]
    [InlineData("196.200.131.10", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("2002:a9fe:a9fe::1", false)]
    [InlineData("2002:0808:0808::1", true)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2001:0:4136:e378::1", false)]
    [InlineData("2a00:1450:4007:80e::200e", true)]
    public void Only_public_unicast_addresses_are_public(string address, bool expected)
    {
        Assert.Equal(expected, PublicAddresses.IsPublic(IPAddress.Parse(address)));
    }
}
