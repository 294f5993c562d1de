using Mouazara.Kernel;

namespace Mouazara.Disbursement.Reports;

/// <summary>One version of a report as submitted, with staff's decision once taken.</summary>
public sealed record ReportVersionView(int Number, int Version, ReportFiguresView Figures, ReportFileView File, DateTimeOffset? SubmittedAt,
    string? Decision, string? Reason, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static ReportVersionView From(ReportEntity e) => new(e.Number, e.Version,
        new ReportFiguresView(e.JobsCreated, e.JobsMaintained, e.Beneficiaries, e.BeneficiariesWomen, Money.ToDirhams(e.AmountSpentCentimes), e.Narrative ?? ""),
        new ReportFileView(e.FileName ?? "", e.ContentType ?? "", e.Size, e.Sha256 ?? ""),
        e.SubmittedAt, e.Decision, e.Reason, e.DecidedBy, e.DecidedAt);
}

public sealed record ReportFiguresView(int JobsCreated, int JobsMaintained, int Beneficiaries, int BeneficiariesWomen, decimal AmountSpent, string Narrative);

public sealed record ReportFileView(string FileName, string ContentType, long Size, string Sha256);
