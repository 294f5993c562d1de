using Microsoft.DurableTask;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Kernel;

namespace Mouazara.Disbursement.Agreements;

/// <summary>
/// Between selection and the first tranche: the applicant receives the funding agreement, returns it signed
/// through an upload link before a deadline (reminded once), and staff countersign it or send it back with a
/// reason (a fresh period to sign again). No countersigned agreement by the deadline: the award lapses.
/// </summary>
public static class AgreementWorkflow
{
    /// <summary>True once staff countersigned; false when the deadline passed with no signed copy.</summary>
    public static async Task<bool> RunAsync(TaskOrchestrationContext context, ApplicationRef app)
    {
        await context.CallActivityAsync<AgreementPrepared>(nameof(PrepareAgreement), app, Orchestration.Retry);
        await context.SetStatusAsync(app, Statuses.AwaitingSignature, "Funding agreement sent for signature.");
        var uploads = new EventWaiter<DocumentUploaded>(context, nameof(DocumentUploaded));
        var decisions = new EventWaiter<AgreementDecided>(context, nameof(AgreementDecided));
        string? sentBack = null;
        for (var round = 0; ; round++)
        {
            var stage = await context.CallActivityAsync<AgreementStage>(nameof(SendAgreement),
                new AgreementStep(app.ApplicationId, app.Edition, context.Now(), round, sentBack), Orchestration.Retry);
            if (!await WaitForSignedCopyAsync(context, app, uploads, stage, round))
            {
                return false;
            }

            await context.CallActivityAsync(nameof(RecordAgreementStep), new AgreementStep(app.ApplicationId, app.Edition, context.Now(), round, null),
                Orchestration.Retry);
            var decision = await WaitForCountersigningAsync(context, app, decisions, stage.StaffReminderEvery, round);
            if (decision.Accept)
            {
                return true;
            }

            sentBack = decision.Reason;
        }
    }

    static async Task<bool> WaitForSignedCopyAsync(TaskOrchestrationContext context, ApplicationRef app, EventWaiter<DocumentUploaded> uploads,
        AgreementStage stage, int round)
    {
        var reminded = stage.ReminderAt >= stage.Deadline;
        while (true)
        {
            var upload = await uploads.NextAsync(reminded ? stage.Deadline : stage.ReminderAt);
            if (upload?.DocumentType == DocumentTypes.SignedAgreement)
            {
                return true;
            }

            if (upload is not null)
            {
                continue;
            }

            if (reminded)
            {
                return false;
            }

            reminded = true;
            await context.CallActivityAsync<AgreementStage>(nameof(SendAgreement),
                new AgreementStep(app.ApplicationId, app.Edition, context.Now(), round, null, Reminder: true, Deadline: stage.Deadline), Orchestration.Retry);
        }
    }

    static async Task<AgreementDecided> WaitForCountersigningAsync(TaskOrchestrationContext context, ApplicationRef app, EventWaiter<AgreementDecided> decisions,
        TimeSpan remindEvery, int round)
    {
        for (var reminder = 0; ; reminder++)
        {
            await context.CallActivityAsync(nameof(NotifyStaff), new StaffNotice(app.ApplicationId, app.Edition, $"{Stages.Agreement}-{round}", reminder),
                Orchestration.Retry);
            var decision = await decisions.NextAsync(context.Now() + remindEvery);
            if (decision is not null && decision.Round == round)
            {
                return decision;
            }
        }
    }
}

/// <param name="Round">0 for the first sending; one more each time staff send the agreement back.</param>
/// <param name="SentBack">Why staff refused the previous signed copy, told to the applicant.</param>
public sealed record AgreementStep(string ApplicationId, string Edition, DateTimeOffset At, int Round, string? SentBack, bool Reminder = false,
    DateTimeOffset? Deadline = null);

public sealed record AgreementStage(DateTimeOffset ReminderAt, DateTimeOffset Deadline, TimeSpan StaffReminderEvery);

/// <summary>Staff countersigned the signed copy of round <see cref="Round"/>, or sent it back with a reason.</summary>
public sealed record AgreementDecided(string EventId, int Round, bool Accept, string Reason, string Actor);
