using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mouazara.Intake.Fetching;

/// <summary>
/// Downloads the files form providers link to, without letting a link reach anything it should not (SSRF):
/// <list type="bullet">
/// <item>https only, port 443, no credentials in the URL;</item>
/// <item>only hosts configured for that provider (<see cref="IntakeOptions.FileHosts"/>);</item>
/// <item>every address the host resolves to must be public (<see cref="PublicAddresses"/>), checked in the
/// connection callback that then connects to exactly the vetted address, so a second DNS answer (rebinding)
/// cannot switch it;</item>
/// <item>redirects are followed here, not by the handler, each hop checked again, and the provider's API key is
/// never sent to another host than the one it was given for;</item>
/// <item>no decompression, so a small download cannot expand into a large one.</item>
/// </list>
/// One client for the process; connections are recycled every few minutes so DNS changes are seen.
/// </summary>
public sealed partial class SafeFileFetcher : IDisposable
{
    public const int MaxRedirects = 5;
    readonly HttpClient client;
    readonly IntakeOptions options;
    readonly ILogger<SafeFileFetcher> logger;

    public SafeFileFetcher(IOptions<IntakeOptions> options, ILogger<SafeFileFetcher> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
            ConnectCallback = ConnectAsync,
        };
        if (this.options.AllowLoopbackFetchForTests)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = AcceptTestCertificate };
        }

        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Mouazara-Intake", "1.0"));
    }

    /// <summary>
    /// Opens <paramref name="url"/> for <paramref name="provider"/>. A refusal (a rule broken, 4xx, too many
    /// redirects) is returned as a reason: retrying would not change it. Transient failures throw.
    /// </summary>
    public async Task<(FetchedFile? File, string? Refusal)> OpenAsync(string provider, Uri url, AuthenticationHeaderValue? authorization,
        long maxBytes, CancellationToken cancellationToken)
    {
        var hosts = AllowedHosts(provider);
        var current = url;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            var refusal = Check(current, hosts);
            if (refusal is not null)
            {
                LogRefused(logger, provider, refusal);
                return (null, refusal);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (authorization is not null && string.Equals(current.IdnHost, url.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Authorization = authorization;
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e) when (Unsafe(e) is { } unsafeAddress)
            {
                LogRefused(logger, provider, unsafeAddress.Message);
                return (null, unsafeAddress.Message);
            }
            catch (HttpRequestException e)
            {
                throw new TransientFetchException("The file server could not be reached.", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TransientFetchException("The file server did not answer in time.", e);
            }

            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                var location = response.Headers.Location;
                response.Dispose();
                if (location is null)
                {
                    return (null, "The file server redirected without a location.");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            if (status == 200)
            {
                if (response.Content.Headers.ContentLength > maxBytes)
                {
                    response.Dispose();
                    return (null, $"The file is larger than {maxBytes / (1024 * 1024)} MB.");
                }

                var content = await response.Content.ReadAsStreamAsync(cancellationToken);
                return (new FetchedFile(response, content), null);
            }

            response.Dispose();
            if (status is 408 or 425 or 429 || status >= 500)
            {
                throw new TransientFetchException($"The file server answered {status}.");
            }

            return (null, status is 401 or 403
                ? $"The file server refused the download ({status}); check the provider's API key."
                : $"The file server answered {status}.");
        }

        return (null, $"More than {MaxRedirects} redirects.");
    }

    /// <summary>Why <paramref name="url"/> may not be fetched for a provider, or null when it may (its addresses are checked on connect).</summary>
    public string? Check(Uri url, IReadOnlyList<string> allowedHosts)
    {
        if (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttps)
        {
            return "Only https file links are fetched.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "File links with credentials are not fetched.";
        }

        if (url.Port != 443 && !options.AllowLoopbackFetchForTests)
        {
            return "File links are fetched on port 443 only.";
        }

        return IsAllowedHost(url.IdnHost, allowedHosts) ? null : $"Files are not fetched from {url.IdnHost}: it is not a host configured for this provider.";
    }

    public IReadOnlyList<string> AllowedHosts(string provider) => HostsOf(options, provider);

    public static IReadOnlyList<string> HostsOf(IntakeOptions options, string provider) =>
        options.FileHosts.TryGetValue(provider, out var list) && !string.IsNullOrWhiteSpace(list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    public static bool IsAllowedHost(string host, IReadOnlyList<string> allowedHosts)
    {
        host = host.TrimEnd('.');
        foreach (var allowed in allowedHosts)
        {
            if (allowed.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1
                : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Resolves the host, refuses unless every address is public, and connects to a vetted address.</summary>
    async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException e)
        {
            throw new HttpRequestException($"{host} could not be resolved.", e);
        }

        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"{host} could not be resolved.");
        }

        foreach (var address in addresses)
        {
            if (!PublicAddresses.IsPublic(address) && !(options.AllowLoopbackFetchForTests && PublicAddresses.IsLoopback(address)))
            {
                throw new UnsafeAddressException($"Files are not fetched from {host}: it resolves to an address that is not public.");
            }
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw new HttpRequestException($"{host} did not accept a connection.", last);
    }

    static UnsafeAddressException? Unsafe(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is UnsafeAddressException unsafeAddress)
            {
                return unsafeAddress;
            }
        }

        return null;
    }

    /// <summary>Tests serve files over TLS from loopback with a self-signed certificate for localhost; nothing else is relaxed.</summary>
    static bool AcceptTestCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is X509Certificate2 c
            && c.GetNameInfo(X509NameType.DnsName, forIssuer: false) == "localhost");

    public void Dispose() => client.Dispose();

    sealed class UnsafeAddressException(string message) : Exception(message);

    [LoggerMessage(LogLevel.Warning, "A file link from {Provider} was not fetched: {Reason}")]
    static partial void LogRefused(ILogger logger, string provider, string reason);
}
