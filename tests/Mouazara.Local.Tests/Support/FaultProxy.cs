using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mouazara.Local.Tests.Support;

/// <summary>What the proxy does to storage traffic.</summary>
public enum StorageFault
{
    /// <summary>Bytes forwarded both ways.</summary>
    None,

    /// <summary>Existing connections reset, new ones accepted and reset at once: storage unreachable.</summary>
    Refuse,

    /// <summary>Connections accepted (and existing ones kept) but nothing is ever answered: storage that hangs.</summary>
    Hang,

    /// <summary>Every request answered 503 Server Busy, as an overloaded storage account does.</summary>
    Unavailable,
}

/// <summary>
/// A TCP proxy between the host and one Azurite port that can break the way storage breaks: refuse, hang, or answer 503.
/// Changing the fault applies to connections already open too (a pooled keep-alive connection is no way around it).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int target;
    readonly CancellationTokenSource stop = new();
    readonly ConcurrentDictionary<Link, byte> links = new();
    readonly Task accepting;
    volatile StorageFault fault;
    int generation;

    public FaultProxy(int target)
    {
        this.target = target;
        listener.Start(512);
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public StorageFault Fault
    {
        get => fault;
        set
        {
            fault = value;
            Interlocked.Increment(ref generation);
            foreach (var link in links.Keys)
            {
                if (value is StorageFault.Refuse or StorageFault.Unavailable)
                {
                    link.Reset();
                }
            }
        }
    }

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    async Task ServeAsync(Socket client)
    {
        var link = new Link(client);
        links[link] = 0;
        try
        {
            switch (fault)
            {
                case StorageFault.Refuse:
                    link.Reset();
                    return;
                case StorageFault.Hang:
                    await DrainAsync(client);
                    return;
                case StorageFault.Unavailable:
                    await AnswerBusyAsync(client);
                    return;
            }

            var born = Volatile.Read(ref generation);
            using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            link.Server = server;
            await server.ConnectAsync(IPAddress.Loopback, target, stop.Token);
            await Task.WhenAny(PumpAsync(client, server, born), PumpAsync(server, client, born));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            links.TryRemove(link, out _);
            link.Reset();
        }
    }

    /// <summary>Forwards while the fault stays what it was when the connection opened; under a hang, data stops in the proxy.</summary>
    async Task PumpAsync(Socket from, Socket to, int born)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
            if (read == 0)
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }

            if (Volatile.Read(ref generation) != born)
            {
                // The fault changed under an open connection: a hang swallows what it was sent.
                await DrainAsync(from);
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop.Token);
        }
    }

    async Task DrainAsync(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token) > 0)
        {
        }
    }

    /// <summary>Reads one request's headers and answers 503 as Azure Storage does when busy, then closes.</summary>
    async Task AnswerBusyAsync(Socket client)
    {
        var buffer = new byte[16 * 1024];
        var seen = new StringBuilder();
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        const string body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>Injected by the test proxy.</Message></Error>";
        var answer = "HTTP/1.1 503 The server is busy.\r\nContent-Type: application/xml\r\nx-ms-error-code: ServerBusy\r\nConnection: close\r\n"
            + $"Content-Length: {body.Length}\r\n\r\n{body}";
        await client.SendAsync(Encoding.ASCII.GetBytes(answer), SocketFlags.None, stop.Token);
        client.Shutdown(SocketShutdown.Send);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        foreach (var link in links.Keys)
        {
            link.Reset();
        }

        await accepting;
        stop.Dispose();
    }

    sealed class Link(Socket client)
    {
        public Socket? Server { get; set; }

        /// <summary>Closes both sides with a reset (no orderly shutdown), as a broken network does.</summary>
        public void Reset()
        {
            foreach (var socket in new[] { client, Server })
            {
                try
                {
                    socket?.Close(0);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }
}
