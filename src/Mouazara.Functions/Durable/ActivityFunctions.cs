using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Mouazara.Applications;
using Mouazara.Committee;
using Mouazara.Disbursement;
using Mouazara.Disbursement.Agreements;
using Mouazara.Disbursement.Reports;
using Mouazara.Documents;
using Mouazara.Eligibility;
using Mouazara.Intake.Inbox;
using Mouazara.Lifecycle;
using Mouazara.Selection;

namespace Mouazara.Functions.Durable;

/// <summary>
/// One activity trigger per type in <see cref="MouazaraTasks.Activities"/>, in the same order, each creating its class
/// from the invocation's services and running it (written by hand; a test holds this file to the list).
/// </summary>
public static class ActivityFunctions
{
    [Function(nameof(RecordStatus))]
    public static Task<bool> RecordStatus([ActivityTrigger] StatusChange input, string instanceId, FunctionContext context) =>
        Run<RecordStatus, StatusChange, bool>(input, instanceId, context);

    [Function(nameof(NotifyStaff))]
    public static Task<int> NotifyStaff([ActivityTrigger] StaffNotice input, string instanceId, FunctionContext context) =>
        Run<NotifyStaff, StaffNotice, int>(input, instanceId, context);

    // Documents.
    [Function(nameof(OpenDocumentsStage))]
    public static Task<DocumentsStage> OpenDocumentsStage([ActivityTrigger] DocumentsStageInput input, string instanceId, FunctionContext context) =>
        Run<OpenDocumentsStage, DocumentsStageInput, DocumentsStage>(input, instanceId, context);

    [Function(nameof(FindMissingDocuments))]
    public static Task<IReadOnlyList<string>> FindMissingDocuments([ActivityTrigger] ApplicationRef input, string instanceId, FunctionContext context) =>
        Run<FindMissingDocuments, ApplicationRef, IReadOnlyList<string>>(input, instanceId, context);

    [Function(nameof(SendDocumentsRequest))]
    public static Task<int> SendDocumentsRequest([ActivityTrigger] DocumentsRequest input, string instanceId, FunctionContext context) =>
        Run<SendDocumentsRequest, DocumentsRequest, int>(input, instanceId, context);

    [Function(nameof(ReceiveApplication))]
    public static Task<DocumentsStage> ReceiveApplication([ActivityTrigger] DocumentsStageInput input, string instanceId, FunctionContext context) =>
        Run<ReceiveApplication, DocumentsStageInput, DocumentsStage>(input, instanceId, context);

    // Eligibility.
    [Function(nameof(CheckEligibility))]
    public static Task<EligibilityCheck> CheckEligibility([ActivityTrigger] ApplicationRef input, string instanceId, FunctionContext context) =>
        Run<CheckEligibility, ApplicationRef, EligibilityCheck>(input, instanceId, context);

    [Function(nameof(RecordEligibilityDecision))]
    public static Task<bool> RecordEligibilityDecision([ActivityTrigger] EligibilityDecision input, string instanceId, FunctionContext context) =>
        Run<RecordEligibilityDecision, EligibilityDecision, bool>(input, instanceId, context);

    // Committee.
    [Function(nameof(OpenCommittee))]
    public static Task<CommitteeStage> OpenCommittee([ActivityTrigger] CommitteeStageInput input, string instanceId, FunctionContext context) =>
        Run<OpenCommittee, CommitteeStageInput, CommitteeStage>(input, instanceId, context);

    [Function(nameof(SendReviewTask))]
    public static Task<bool> SendReviewTask([ActivityTrigger] ReviewTaskRequest input, string instanceId, FunctionContext context) =>
        Run<SendReviewTask, ReviewTaskRequest, bool>(input, instanceId, context);

    [Function(nameof(TallyVotes))]
    public static Task<Evaluation> TallyVotes([ActivityTrigger] ApplicationRef input, string instanceId, FunctionContext context) =>
        Run<TallyVotes, ApplicationRef, Evaluation>(input, instanceId, context);

    [Function(nameof(AssignReviewers))]
    public static Task<CommitteeStage> AssignReviewers([ActivityTrigger] CommitteeStageInput input, string instanceId, FunctionContext context) =>
        Run<AssignReviewers, CommitteeStageInput, CommitteeStage>(input, instanceId, context);

    [Function(nameof(ReplaceReviewer))]
    public static Task<Replacement> ReplaceReviewer([ActivityTrigger] ReplacementRequest input, string instanceId, FunctionContext context) =>
        Run<ReplaceReviewer, ReplacementRequest, Replacement>(input, instanceId, context);

    [Function(nameof(RecordCommitteeDecision))]
    public static Task<bool> RecordCommitteeDecision([ActivityTrigger] CommitteeDecision input, string instanceId, FunctionContext context) =>
        Run<RecordCommitteeDecision, CommitteeDecision, bool>(input, instanceId, context);

    [Function(nameof(OpenRevisionRound))]
    public static Task<RevisionRound> OpenRevisionRound([ActivityTrigger] RevisionRoundInput input, string instanceId, FunctionContext context) =>
        Run<OpenRevisionRound, RevisionRoundInput, RevisionRound>(input, instanceId, context);

    [Function(nameof(SendRevisionTask))]
    public static Task<bool> SendRevisionTask([ActivityTrigger] RevisionTaskRequest input, string instanceId, FunctionContext context) =>
        Run<SendRevisionTask, RevisionTaskRequest, bool>(input, instanceId, context);

    [Function(nameof(TallyRevisions))]
    public static Task<Evaluation> TallyRevisions([ActivityTrigger] RevisionTally input, string instanceId, FunctionContext context) =>
        Run<TallyRevisions, RevisionTally, Evaluation>(input, instanceId, context);

    [Function(nameof(SendReviewerDigests))]
    public static Task<DigestRun> SendReviewerDigests([ActivityTrigger] DigestRequest input, string instanceId, FunctionContext context) =>
        Run<SendReviewerDigests, DigestRequest, DigestRun>(input, instanceId, context);

    // Selection: the edition's round.
    [Function(nameof(ReadClosing))]
    public static Task<DateTimeOffset> ReadClosing([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        Run<ReadClosing, string, DateTimeOffset>(input, instanceId, context);

    [Function(nameof(RecordRoundStep))]
    public static Task<bool> RecordRoundStep([ActivityTrigger] RoundStep input, string instanceId, FunctionContext context) =>
        Run<RecordRoundStep, RoundStep, bool>(input, instanceId, context);

    [Function(nameof(CountOpenApplications))]
    public static Task<int> CountOpenApplications([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        Run<CountOpenApplications, string, int>(input, instanceId, context);

    [Function(nameof(ProposeSelection))]
    public static Task<string> ProposeSelection([ActivityTrigger] ProposalRequest input, string instanceId, FunctionContext context) =>
        Run<ProposeSelection, ProposalRequest, string>(input, instanceId, context);

    // The award, and its tranches.
    [Function(nameof(RecordAward))]
    public static Task<Award> RecordAward([ActivityTrigger] AwardInput input, string instanceId, FunctionContext context) =>
        Run<RecordAward, AwardInput, Award>(input, instanceId, context);

    // Disbursement.
    [Function(nameof(MarkTrancheDue))]
    public static Task<TimeSpan> MarkTrancheDue([ActivityTrigger] TrancheStep input, string instanceId, FunctionContext context) =>
        Run<MarkTrancheDue, TrancheStep, TimeSpan>(input, instanceId, context);

    [Function(nameof(RemindFinance))]
    public static Task<bool> RemindFinance([ActivityTrigger] TrancheStep input, string instanceId, FunctionContext context) =>
        Run<RemindFinance, TrancheStep, bool>(input, instanceId, context);

    [Function(nameof(SendAgreement))]
    public static Task<AgreementStage> SendAgreement([ActivityTrigger] AgreementStep input, string instanceId, FunctionContext context) =>
        Run<SendAgreement, AgreementStep, AgreementStage>(input, instanceId, context);

    [Function(nameof(RecordAgreementStep))]
    public static Task<bool> RecordAgreementStep([ActivityTrigger] AgreementStep input, string instanceId, FunctionContext context) =>
        Run<RecordAgreementStep, AgreementStep, bool>(input, instanceId, context);

    [Function(nameof(CountWaitlisted))]
    public static Task<int> CountWaitlisted([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        Run<CountWaitlisted, string, int>(input, instanceId, context);

    [Function(nameof(ProposePromotion))]
    public static Task<bool> ProposePromotion([ActivityTrigger] PromotionProposalRequest input, string instanceId, FunctionContext context) =>
        Run<ProposePromotion, PromotionProposalRequest, bool>(input, instanceId, context);

    [Function(nameof(CheckSuspension))]
    public static Task<bool> CheckSuspension([ActivityTrigger] TrancheStep input, string instanceId, FunctionContext context) =>
        Run<CheckSuspension, TrancheStep, bool>(input, instanceId, context);

    [Function(nameof(CancelTranches))]
    public static Task<ReturnedMoney> CancelTranches([ActivityTrigger] TrancheCancellation input, string instanceId, FunctionContext context) =>
        Run<CancelTranches, TrancheCancellation, ReturnedMoney>(input, instanceId, context);

    [Function(nameof(RequestReport))]
    public static Task<ReportStage> RequestReport([ActivityTrigger] TrancheStep input, string instanceId, FunctionContext context) =>
        Run<RequestReport, TrancheStep, ReportStage>(input, instanceId, context);

    [Function(nameof(RemindReport))]
    public static Task<bool> RemindReport([ActivityTrigger] TrancheStep input, string instanceId, FunctionContext context) =>
        Run<RemindReport, TrancheStep, bool>(input, instanceId, context);

    [Function(nameof(RequestReportForm))]
    public static Task<ReportTiming> RequestReportForm([ActivityTrigger] ReportStep input, string instanceId, FunctionContext context) =>
        Run<RequestReportForm, ReportStep, ReportTiming>(input, instanceId, context);

    [Function(nameof(RemindReportForm))]
    public static Task<bool> RemindReportForm([ActivityTrigger] ReportStep input, string instanceId, FunctionContext context) =>
        Run<RemindReportForm, ReportStep, bool>(input, instanceId, context);

    [Function(nameof(RecordReportLate))]
    public static Task<bool> RecordReportLate([ActivityTrigger] ReportStep input, string instanceId, FunctionContext context) =>
        Run<RecordReportLate, ReportStep, bool>(input, instanceId, context);

    [Function(nameof(RequestReportChanges))]
    public static Task<ReportTiming> RequestReportChanges([ActivityTrigger] ReportStep input, string instanceId, FunctionContext context) =>
        Run<RequestReportChanges, ReportStep, ReportTiming>(input, instanceId, context);

    [Function(nameof(NotifyTrancheReleased))]
    public static Task<bool> NotifyTrancheReleased([ActivityTrigger] TrancheStep input, string instanceId, FunctionContext context) =>
        Run<NotifyTrancheReleased, TrancheStep, bool>(input, instanceId, context);

    [Function(nameof(PrepareAgreement))]
    public static Task<AgreementPrepared> PrepareAgreement([ActivityTrigger] ApplicationRef input, string instanceId, FunctionContext context) =>
        Run<PrepareAgreement, ApplicationRef, AgreementPrepared>(input, instanceId, context);

    // Intake: a kept delivery mapped, its linked files fetched, the outcome recorded.
    [Function(nameof(MapDelivery))]
    public static Task<MappedDelivery> MapDelivery([ActivityTrigger] DeliveryRef input, string instanceId, FunctionContext context) =>
        Run<MapDelivery, DeliveryRef, MappedDelivery>(input, instanceId, context);

    [Function(nameof(FetchDocument))]
    public static Task<FileOutcome> FetchDocument([ActivityTrigger] DocumentFetch input, string instanceId, FunctionContext context) =>
        Run<FetchDocument, DocumentFetch, FileOutcome>(input, instanceId, context);

    [Function(nameof(CompleteDelivery))]
    public static Task<bool> CompleteDelivery([ActivityTrigger] DeliveryCompletion input, string instanceId, FunctionContext context) =>
        Run<CompleteDelivery, DeliveryCompletion, bool>(input, instanceId, context);

    /// <summary>The activity class, with its dependencies from the invocation's services, run with a context naming it.</summary>
    static Task<TOutput> Run<TActivity, TInput, TOutput>(TInput input, string instanceId, FunctionContext context)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        var activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(context.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(new TaskName(context.FunctionDefinition.Name), instanceId), input);
    }
}
