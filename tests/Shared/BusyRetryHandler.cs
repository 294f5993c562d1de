using System.Net;

namespace Mouazara.Testing;

/// <summary>
/// Sends a request again when the host answers 503 with Retry-After, as the API asks its callers to (storage fell behind
/// or too much is arriving at once). A 503 changes nothing, so asking again is safe; on a machine the suite saturates,
/// Azurite answers slowly enough that a host's storage calls time out, and a test must then see the answer a patient
/// caller gets, not the overload. Tests of the 503 itself turn this off (<see cref="MouazaraClient.RetryWhenBusy"/>).
/// The bench's users ask again the same way.
/// </summary>
public sealed class BusyRetryHandler(Func<bool> enabled, HttpMessageHandler? inner = null) : DelegatingHandler(inner ?? new HttpClientHandler())
{
    /// <summary>Attempts in all; with the API's Retry-After of 10 s, about a minute of asking.</summary>
    public const int Attempts = 6;

    /// <remarks>
    /// Byte, string and JSON bodies are written anew on each send, and a stream content rewinds a seekable stream: every
    /// body the callers send can go again.
    /// </remarks>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var wait = response.Headers.RetryAfter?.Delta;
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || wait is null || attempt == Attempts || !enabled())
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(wait.Value < TimeSpan.FromSeconds(10) ? wait.Value : TimeSpan.FromSeconds(10), cancellationToken);
        }
    }
}
