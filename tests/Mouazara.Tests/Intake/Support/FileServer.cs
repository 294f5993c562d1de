using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake.Support;

/// <summary>
/// A provider's file storage, played by a real HTTPS server on loopback with a self-signed certificate for
/// localhost: serves registered files, can fail a first request or redirect, and records what each request carried.
/// </summary>
public sealed class FileServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentDictionary<string, RequestDelegate> routes = new(StringComparer.Ordinal);

    FileServer(WebApplication app, int port)
    {
        this.app = app;
        BaseAddress = new Uri($"https://localhost:{port}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>Every request received: path and query, and the Authorization header it carried.</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    readonly ConcurrentDictionary<string, Gate> holds = new(StringComparer.Ordinal);

    /// <summary>
    /// Holds every request whose path contains <paramref name="marker"/> until the gate opens: what completes while
    /// it is closed cannot have waited for those files. The gate opens by itself after a while, so that something
    /// that does wait for them ends (and fails its test) instead of hanging.
    /// </summary>
    public Gate Hold(string marker)
    {
        var gate = new Gate(TimeSpan.FromSeconds(30));
        holds[marker] = gate;
        return gate;
    }

    public sealed class Gate
    {
        readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Gate(TimeSpan openAfter) => _ = Task.Delay(openAfter).ContinueWith(_ => opened.TrySetResult(), TaskScheduler.Default);

        public bool IsOpen => opened.Task.IsCompleted;

        internal Task Opened => opened.Task;

        public void Open() => opened.TrySetResult();
    }

    public static async Task<FileServer> StartAsync()
    {
        var port = LocalStack.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = CreateCertificate();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new FileServer(app, port);
        app.Run(async context =>
        {
            var path = context.Request.Path.Value + context.Request.QueryString.Value;
            server.Requests.Enqueue((path, context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null));
            foreach (var (marker, gate) in server.holds)
            {
                if (path.Contains(marker, StringComparison.Ordinal))
                {
                    await gate.Opened;
                }
            }

            if (server.routes.TryGetValue(context.Request.Path.Value ?? "", out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
        await app.StartAsync();
        return server;
    }

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/>, answering 503 to the first <paramref name="failFirst"/> requests.</summary>
    public Uri Serve(string path, byte[] content, string contentType = "application/pdf", int failFirst = 0)
    {
        var failures = failFirst;
        routes[path] = async context =>
        {
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                context.Response.StatusCode = 503;
                return;
            }

            context.Response.ContentType = contentType;
            context.Response.ContentLength = content.Length;
            await context.Response.Body.WriteAsync(content);
        };
        return new Uri(BaseAddress, path);
    }

    public Uri Redirect(string path, string location)
    {
        routes[path] = context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        };
        return new Uri(BaseAddress, path);
    }

    public int CountOf(string pathPrefix) => Requests.Count(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
