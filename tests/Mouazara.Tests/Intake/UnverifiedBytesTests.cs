using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Applications;
using Mouazara.Intake;
using Mouazara.Local;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake;

/// <summary>
/// What a sender without the secret can cost: a missing or malformed signature, or a declared length over the
/// limit, is answered before the body is sent at all (the tests send headers and a few KB, then wait for the
/// answer with the rest never sent); and past the budget of unverified bytes a delivery is refused at once.
/// </summary>
public sealed class UnverifiedBytesTests
{
    const int Sent = 4 * 1024;

    static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_generic_delivery_without_a_signature_is_401_before_its_body_is_sent_and_creates_nothing()
    {
        var stack = await LocalStack.SharedAsync();
        var submission = LocalStack.NewId("unsigned");
        using var request = await HeldRequest.SendAsync(stack.Host.Options.Port, "/api/intake/generic", 50L * 1024 * 1024,
            new() { ["X-Mouazara-Timestamp"] = Now() }, Prefix(submission));

        var answer = await request.AnswerAsync();

        Assert.Equal(401, answer.Status);
        Assert.Contains("urn:mouazara:problem:invalid-signature", answer.Body, StringComparison.Ordinal);
        using var staff = await stack.Client.SendAsync(HttpMethod.Get, "api/applications/" + ApplicationIds.For("generic", submission), await stack.Client.StaffTokenAsync());
        Assert.Equal(HttpStatusCode.NotFound, staff.StatusCode);
    }

    [Theory]
    [InlineData("sha256=")]
    [InlineData("sha256=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256=00")]
    [InlineData("md5=0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task A_generic_delivery_with_a_malformed_signature_is_401_before_its_body_is_sent(string signature)
    {
        var stack = await LocalStack.SharedAsync();
        using var request = await HeldRequest.SendAsync(stack.Host.Options.Port, "/api/intake/generic", 50L * 1024 * 1024,
            new() { ["X-Mouazara-Timestamp"] = Now(), ["X-Mouazara-Signature"] = signature }, Prefix(LocalStack.NewId("malformed")));

        var answer = await request.AnswerAsync();

        Assert.Equal(401, answer.Status);
        Assert.Contains("urn:mouazara:problem:invalid-signature", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generic_delivery_declaring_more_than_the_limit_is_413_before_its_body_is_sent()
    {
        var stack = await LocalStack.SharedAsync();
        using var request = await HeldRequest.SendAsync(stack.Host.Options.Port, "/api/intake/generic", 95L * 1024 * 1024,
            new() { ["X-Mouazara-Timestamp"] = Now() }, Prefix(LocalStack.NewId("huge")));

        var answer = await request.AnswerAsync();

        Assert.Equal(413, answer.Status);
        Assert.Contains("urn:mouazara:problem:payload-too-large", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("typeform", null)]
    [InlineData("typeform", "sha256=not-base64!")]
    [InlineData("typeform", "c2hvcnQ=")]
    [InlineData("tally", null)]
    [InlineData("tally", "sha256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task A_provider_delivery_without_a_well_formed_signature_is_401_before_its_body_is_sent(string provider, string? signature)
    {
        var stack = await LocalStack.SharedAsync();
        var headers = new Dictionary<string, string>();
        if (signature is not null)
        {
            headers[provider == "typeform" ? "Typeform-Signature" : "Tally-Signature"] = signature;
        }

        using var request = await HeldRequest.SendAsync(stack.Host.Options.Port, "/api/intake/" + provider, 900 * 1024, headers, Prefix("x"));

        var answer = await request.AnswerAsync();

        Assert.Equal(401, answer.Status);
        Assert.Contains("urn:mouazara:problem:invalid-signature", answer.Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// A host of its own with a budget of 1 MB: one sender holding 700 KB of unverified body leaves no room for a
    /// second, which is told at once to retry; once the first is gone, a signed delivery goes through.
    /// </summary>
    [Fact]
    public async Task Past_the_budget_of_unverified_bytes_a_delivery_is_503_with_retry_after_at_once_and_passes_once_room_is_back()
    {
        await using var host = await LocalStack.OwnHostAsync('u', new Dictionary<string, string?>
        {
            ["Intake:MaxBodyBytes"] = (1024 * 1024).ToString(CultureInfo.InvariantCulture),
            ["Intake:MaxUnverifiedBytes"] = (1024 * 1024).ToString(CultureInfo.InvariantCulture),
        });
        var port = host.Options.Port;
        var budget = host.Services.GetRequiredService<UnverifiedBytesBudget>();
        var wellFormed = "sha256=" + new string('0', 64);

        var first = await HeldRequest.SendAsync(port, "/api/intake/generic", 700 * 1024,
            new() { ["X-Mouazara-Timestamp"] = Now(), ["X-Mouazara-Signature"] = wellFormed }, Prefix(LocalStack.NewId("first")));
        try
        {
            await WaitUntilAsync(() => budget.InUse == 700 * 1024, () => $"first request holds {budget.InUse}");

            using var second = await HeldRequest.SendAsync(port, "/api/intake/generic", 700 * 1024,
                new() { ["X-Mouazara-Timestamp"] = Now(), ["X-Mouazara-Signature"] = wellFormed }, Prefix(LocalStack.NewId("second")));
            var refused = await second.AnswerAsync();

            Assert.Equal(503, refused.Status);
            Assert.Contains("Retry-After:", refused.Head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("application/problem+json", refused.Head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("urn:mouazara:problem:busy", refused.Body, StringComparison.Ordinal);
            Assert.Equal(700 * 1024, budget.InUse);
        }
        finally
        {
            first.Dispose();
        }

        await WaitUntilAsync(() => budget.InUse == 0, () => $"{budget.InUse} still held after the first sender left");
        using var client = new MouazaraClient(host.BaseAddress);
        var edition = LocalStack.NewId("budget");
        await client.PutEditionAsync(Steps.PatientEdition(edition));
        using var accepted = await client.SubmitAsync(TestSubmissions.Bytes(TestSubmissions.Build(edition, LocalStack.NewId("sub"), ["statutes"])));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(0, budget.InUse);
    }

    static async Task WaitUntilAsync(Func<bool> condition, Func<string> state)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not hold in time: " + state());
            await Task.Delay(50);
        }
    }

    /// <summary>The first few KB of a plausible JSON submission: all a sender without the secret gets to send.</summary>
    static byte[] Prefix(string submission)
    {
        var start = Encoding.UTF8.GetBytes($"{{\"submissionId\":\"{submission}\",\"edition\":\"demo\",\"summary\":\"");
        var bytes = new byte[Sent];
        Array.Fill(bytes, (byte)'a');
        start.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>
    /// A request over a raw connection: its headers and the first bytes of its body are sent, the rest never is. The
    /// answer can only come from a server that did not wait for the body.
    /// </summary>
    sealed class HeldRequest : IDisposable
    {
        readonly TcpClient tcp;

        HeldRequest(TcpClient tcp) => this.tcp = tcp;

        public static async Task<HeldRequest> SendAsync(int port, string path, long contentLength, Dictionary<string, string> headers, byte[] firstBytes)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var head = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Type: application/json\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\n");
            foreach (var (name, value) in headers)
            {
                head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
            }

            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
            await stream.WriteAsync(firstBytes);
            await stream.FlushAsync();
            return new HeldRequest(tcp);
        }

        /// <summary>The status line's code, the head and the body of the answer, which must come within seconds.</summary>
        public async Task<(int Status, string Head, string Body)> AnswerAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var stream = tcp.GetStream();
            var received = new List<byte>();
            var buffer = new byte[8192];
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var text = Encoding.UTF8.GetString([.. received]);
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    var head = text[..end];
                    var body = text[(end + 4)..];
                    var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        .Select(p => int.Parse(p[1].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
                    var chunked = head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
                    if (chunked ? body.EndsWith("0\r\n\r\n", StringComparison.Ordinal) : Encoding.UTF8.GetByteCount(body) >= length)
                    {
                        return (int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture), head, body);
                    }
                }

                int read;
                try
                {
                    read = await stream.ReadAsync(buffer, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"No complete answer within {watch.Elapsed}; received: {text}");
                    throw;
                }

                Assert.True(read > 0, $"The connection closed after {watch.Elapsed} with no complete answer: {text}");
                received.AddRange(buffer.AsSpan(0, read));
            }
        }

        public void Dispose() => tcp.Dispose();
    }
}
