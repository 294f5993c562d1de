using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Committee;
using Mouazara.Intake.Inbox;
using Mouazara.Lifecycle;
using Mouazara.Selection;

namespace Mouazara.Functions.Durable;

/// <summary>
/// One orchestration trigger per type in <see cref="MouazaraTasks.Orchestrators"/>, each delegating to its class
/// (written by hand: the class-based source generator is not available here; a test holds this file to the list).
/// </summary>
public static class OrchestratorFunctions
{
    [Function(nameof(ApplicationOrchestrator))]
    public static Task<string> ApplicationOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ApplicationOrchestrator().RunAsync(context, context.GetInput<ApplicationRef>()!);

    [Function(nameof(ApplicationOrchestratorV2))]
    public static Task<string> ApplicationOrchestratorV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ApplicationOrchestratorV2().RunAsync(context, context.GetInput<ApplicationRef>()!);

    [Function(nameof(IntakeOrchestrator))]
    public static Task<string> IntakeOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new IntakeOrchestrator().RunAsync(context, context.GetInput<DeliveryRef>()!);

    [Function(nameof(SelectionRound))]
    public static Task<string> SelectionRound([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SelectionRound().RunAsync(context, context.GetInput<SelectionRoundInput>()!);

    [Function(nameof(ReviewerDigest))]
    public static Task<string> ReviewerDigest([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReviewerDigest().RunAsync(context, context.GetInput<ReviewerDigestInput>()!);
}
