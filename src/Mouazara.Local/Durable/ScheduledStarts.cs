using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;
using Grpc.Core;
using Grpc.Core.Interceptors;
using CreateInstanceRequest = Microsoft.DurableTask.Protobuf.CreateInstanceRequest;

namespace Mouazara.Local.Durable;

/// <summary>
/// Carries a start request's scheduled time (<c>StartOrchestrationOptions.StartAt</c>, which paced intake uses) to the
/// backend. The Functions host's durable extension passes it on itself; the sidecar the local host serves the engine
/// with drops it from the start request, so this interceptor hands it over as a tag that <see cref="Apply"/> turns
/// back into the start event's <see cref="ExecutionStartedEvent.ScheduledStartTime"/> before the backend stores it.
/// The Azure Storage backend then keeps the start message invisible until that time, as on Azure.
/// </summary>
public sealed class ScheduledStarts : Interceptor
{
    const string Tag = "mouazara.scheduled-start";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is CreateInstanceRequest { ScheduledStartTimestamp: { } at } create)
        {
            create.Tags[Tag] = at.ToDateTime().ToString("O", CultureInfo.InvariantCulture);
        }

        return continuation(request, context);
    }

    /// <summary>The creation message with its scheduled time restored from the tag, which is removed.</summary>
    public static TaskMessage Apply(TaskMessage creation)
    {
        if (creation.Event is ExecutionStartedEvent started && started.Tags is { } tags && tags.Remove(Tag, out var at))
        {
            started.ScheduledStartTime = DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }

        return creation;
    }
}
