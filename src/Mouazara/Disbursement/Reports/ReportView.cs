namespace Mouazara.Disbursement.Reports;

/// <summary>
/// A report in the staff view: its number, type, the tranche it unlocks (null: the final report), its state
/// (<c>requested</c>, <c>submitted</c>, <c>changes-requested</c>, <c>accepted</c>), whether its deadline passed, and every version.
/// </summary>
public sealed record ReportView(int Number, string Type, int? Tranche, bool Final, string Status, DateTimeOffset? RequestedAt, DateTimeOffset? DeadlineAt,
    DateTimeOffset? LateAt, IReadOnlyList<ReportVersionView> Versions)
{
    /// <summary>Every report of an application from its rows (requests and versions), in number order.</summary>
    public static List<ReportView> FromRows(IEnumerable<ReportEntity> rows) =>
        rows.GroupBy(r => r.Number).OrderBy(g => g.Key).Select(g =>
        {
            var request = g.FirstOrDefault(r => r.Version == 0);
            var versions = g.Where(r => r.Version > 0).OrderBy(r => r.Version).Select(ReportVersionView.From).ToList();
            var any = request ?? g.First();
            var status = versions.Count == 0 ? "requested"
                : versions[^1].Decision switch { null => "submitted", ReportDecisions.Accept => "accepted", _ => "changes-requested" };
            return new ReportView(g.Key, any.Type, any.Tranche, any.Tranche is null, status, request?.RequestedAt, request?.DeadlineAt, request?.LateAt, versions);
        }).ToList();
}
