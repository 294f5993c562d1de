using Microsoft.DurableTask;
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

namespace Mouazara;

/// <summary>
/// Every orchestrator and activity of the product. The local host registers exactly these with its worker;
/// the Functions app has one hand-written trigger for each, and a test holds it to this list.
/// </summary>
public static class MouazaraTasks
{
    public static readonly IReadOnlyList<Type> Orchestrators =
    [
        typeof(ApplicationOrchestrator),
        typeof(ApplicationOrchestratorV2),
        typeof(IntakeOrchestrator),
        typeof(SelectionRound),
        typeof(ReviewerDigest),
    ];

    public static readonly IReadOnlyList<Type> Activities =
    [
        typeof(RecordStatus),
        typeof(NotifyStaff),
        typeof(OpenDocumentsStage),
        typeof(FindMissingDocuments),
        typeof(SendDocumentsRequest),
        typeof(ReceiveApplication),
        typeof(CheckEligibility),
        typeof(RecordEligibilityDecision),
        typeof(OpenCommittee),
        typeof(SendReviewTask),
        typeof(TallyVotes),
        typeof(RecordCommitteeDecision),
        typeof(OpenRevisionRound),
        typeof(SendRevisionTask),
        typeof(TallyRevisions),
        typeof(SendReviewerDigests),
        typeof(AssignReviewers),
        typeof(ReplaceReviewer),
        typeof(ReadClosing),
        typeof(RecordRoundStep),
        typeof(CountOpenApplications),
        typeof(ProposeSelection),
        typeof(CountWaitlisted),
        typeof(ProposePromotion),
        typeof(RecordAward),
        typeof(MarkTrancheDue),
        typeof(RemindFinance),
        typeof(RequestReport),
        typeof(RemindReport),
        typeof(RequestReportForm),
        typeof(RemindReportForm),
        typeof(RecordReportLate),
        typeof(RequestReportChanges),
        typeof(NotifyTrancheReleased),
        typeof(CheckSuspension),
        typeof(PrepareAgreement),
        typeof(SendAgreement),
        typeof(RecordAgreementStep),
        typeof(CancelTranches),
        typeof(MapDelivery),
        typeof(FetchDocument),
        typeof(CompleteDelivery),
    ];

    public static void Register(DurableTaskRegistry registry)
    {
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }
    }
}
