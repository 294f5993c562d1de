using Mouazara.Kernel;

namespace Mouazara.Applications;

/// <summary>The stages whose durations the indicators measure, and which status belongs to which.</summary>
public static class IndicatorStages
{
    public const string Selection = "selection";

    /// <summary>In the order an application goes through them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Stages.Documents, Stages.Eligibility, Stages.Committee, Selection, Stages.Agreement, Stages.Disbursement];

    /// <summary>The stage of a status; null for a status that ends the application.</summary>
    public static string? Of(string status, string? reviewStage) => status switch
    {
        Statuses.Received or Statuses.AwaitingDocuments => Stages.Documents,
        Statuses.CheckingEligibility => Stages.Eligibility,
        Statuses.AwaitingStaffReview => reviewStage is not null && All.Contains(reviewStage) ? reviewStage : Stages.Eligibility,
        Statuses.InEvaluation => Stages.Committee,
        Statuses.Shortlisted or Statuses.Waitlisted => Selection,
        Statuses.Selected or Statuses.AwaitingSignature => Stages.Agreement,
        Statuses.Disbursing => Stages.Disbursement,
        _ => null,
    };
}
