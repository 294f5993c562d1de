namespace Mouazara.Disbursement.Agreements;

/// <summary>One line of the tranche plan: its share, its exact amount and what makes it due.</summary>
public sealed record AgreementTranche(int Number, decimal Percent, long AmountCentimes, TrancheCondition Condition);

/// <summary>What a tranche waits for. <see cref="Number"/> is the tranche or report it refers to; <see cref="DocumentType"/> a required document.</summary>
public sealed record TrancheCondition(TrancheConditionKind Kind, int? Number = null, string? DocumentType = null)
{
    public static readonly TrancheCondition OnSignature = new(TrancheConditionKind.OnSignature);

    public static TrancheCondition AfterTranche(int tranche) => new(TrancheConditionKind.AfterTranche, tranche);

    public static TrancheCondition AfterReport(int report) => new(TrancheConditionKind.AfterReport, report);

    public static TrancheCondition AfterDocument(string documentType) => new(TrancheConditionKind.AfterDocument, DocumentType: documentType);
}

public enum TrancheConditionKind
{
    /// <summary>The agreement signed and countersigned.</summary>
    OnSignature,

    /// <summary>The previous tranche paid.</summary>
    AfterTranche,

    /// <summary>Progress report n accepted by staff.</summary>
    AfterReport,

    /// <summary>A required document accepted.</summary>
    AfterDocument,
}
