using Microsoft.DurableTask;

namespace Mouazara.Functions.Durable;

/// <summary>What an activity class may ask of its context, filled from the Functions invocation.</summary>
sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
