namespace Mouazara.Disbursement;

public sealed class ReleaseRequest
{
    public string? PaymentReference { get; set; }

    public decimal? Amount { get; set; }

    public string? ValueDate { get; set; }
}
