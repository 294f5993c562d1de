using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;

namespace Mouazara.Local.Durable;

/// <summary>
/// The durable engine of the local host: Durable Functions' own Azure Storage backend
/// (<see cref="AzureStorageOrchestrationService"/>) on Azurite, served over gRPC by the Durable Task sidecar on
/// a loopback port. The product's worker and client connect to it exactly as they would to any sidecar, and
/// instances survive a restart because their state lives in storage, as on Azure.
/// </summary>
public sealed class DurableEngine : IAsyncDisposable
{
    readonly WebApplication sidecar;

    DurableEngine(WebApplication sidecar, GrpcChannel channel, AzureStorageOrchestrationService service)
    {
        this.sidecar = sidecar;
        Channel = channel;
        Service = service;
    }

    public GrpcChannel Channel { get; }

    public AzureStorageOrchestrationService Service { get; }

    public static async Task<DurableEngine> StartAsync(string connectionString, string taskHub, EngineTiming timing, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            // The engine's own clients, with the request counter the product's clients carry (docs/performance.md).
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, Counted(new BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(connectionString, Counted(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None })),
                StorageServiceClientProvider.ForTable(connectionString, Counted(new TableClientOptions()))),
            // Polling and leases from the timing profile (EngineTiming): the local one polls idle queues every half
            // second and takes a crashed host's partitions and dequeued messages over in seconds.
            MaxQueuePollingInterval = timing.MaxQueuePollingInterval,
            PartitionCount = timing.PartitionCount,
            // A fresh worker id per process: a restarted host must acquire the partitions of the one that died, not
            // believe it already holds them.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}",
            LeaseInterval = timing.LeaseInterval,
            LeaseRenewInterval = timing.LeaseRenewInterval,
            LeaseAcquireInterval = timing.LeaseAcquireInterval,
            ControlQueueVisibilityTimeout = timing.QueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = timing.QueueVisibilityTimeout,
            LoggerFactory = loggerFactory,
            CustomMessageTypeBinder = new ProtobufTagsBinder(),
        });
        await service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 16 * 1024 * 1024;
            grpc.Interceptors.Add<ScheduledStarts>();
        });
        var portable = new PortableHistoryService(service);
        builder.Services.AddSingleton<IOrchestrationService>(portable);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(portable);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);

        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
        return new DurableEngine(sidecar, channel, service);
    }

    /// <summary>
    /// Connects a worker to this engine. Every worker must connect through here: the sidecar sends no health pings, so
    /// a worker left with the library's default would take two minutes without work for a dead connection and reconnect,
    /// and a work item the sidecar writes to the closing stream in that moment is lost: the sidecar waits for its result
    /// forever and holds the instance, whose later events then wait behind it (docs/reliability.md, "A worker that
    /// reconnects"). A loopback connection within one process cannot die silently, so the detection is off.
    /// </summary>
    public void Connect(IDurableTaskWorkerBuilder worker) =>
        worker.UseGrpc(grpc =>
        {
            grpc.Channel = Channel;
            // Internal API of the worker package (non-positive turns the detection off); a change to it fails the
            // build, and IdleWorkerTests fails if the worker reconnects after a quiet spell.
            grpc.SetSilentDisconnectTimeout(TimeSpan.Zero);
        });

    static T Counted<T>(T options)
        where T : Azure.Core.ClientOptions
    {
        options.AddPolicy(new Mouazara.Storage.StorageRequestCounter("engine", options), Azure.Core.HttpPipelinePosition.PerRetry);
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        await sidecar.StopAsync();
        await sidecar.DisposeAsync();
        Channel.Dispose();
    }
}
