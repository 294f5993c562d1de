namespace Mouazara.Bench;

public sealed record OperationLine(string Origin, string Service, string Operation, string Resource, double Count, decimal Usd);

public sealed record IdleReport(double Seconds, double RequestsPerMinute, IReadOnlyDictionary<string, double> PerMinuteByOperation, decimal UsdPer30Days);

public sealed record StorageReport(
    int Applications,
    double WindowSeconds,
    IReadOnlyDictionary<string, double> PerApplicationByOrigin,
    IReadOnlyDictionary<string, double> PerApplicationByService,
    IReadOnlyList<OperationLine> PerApplication,
    IReadOnlyDictionary<string, decimal> UsdPer1000ByOrigin,
    decimal UsdPer1000,
    OperationLine? LargestOursByRequests,
    OperationLine? LargestOursByDollars,
    IdleReport Idle,
    string PriceBasis);

/// <summary>
/// Scenario 3: what the storage requests counted by the host cost. Per application, from the snapshots around the
/// lifecycle run (everything the host sent in that window, divided by the applications completed); idle, from a
/// window in which nothing happens but the engine's polling and leases.
/// </summary>
static class StorageScenario
{
    public static async Task<IdleReport> IdleAsync(Driver driver, TimeSpan window, string tablePrefix, string taskHub)
    {
        var before = await driver.StorageRequestsAsync();
        await Task.Delay(window);
        var spent = Measures.Difference(before, await driver.StorageRequestsAsync());
        var minutes = window.TotalMinutes;
        var lines = Lines(spent, 1 / minutes, tablePrefix, taskHub);
        var perMonth = lines.Sum(l => l.Usd) * 60 * 24 * 30;
        return new IdleReport(window.TotalSeconds, Measures.Round(spent.Sum(c => c.Count) / minutes, 1),
            lines.GroupBy(l => $"{l.Origin} {l.Service} {l.Operation}").OrderByDescending(g => g.Sum(l => l.Count))
                .ToDictionary(g => g.Key, g => Measures.Round(g.Sum(l => l.Count), 1)),
            Math.Round(perMonth, 2));
    }

    public static StorageReport PerApplication(IReadOnlyList<StorageCount> spent, int applications, double windowSeconds, IdleReport idle,
        string tablePrefix, string taskHub)
    {
        var per = applications == 0 ? 0 : 1.0 / applications;
        var lines = Lines(spent, per, tablePrefix, taskHub);
        var ours = lines.Where(l => l.Origin == "product").ToList();
        return new StorageReport(
            applications,
            Measures.Round(windowSeconds, 1),
            lines.GroupBy(l => l.Origin).ToDictionary(g => g.Key, g => Measures.Round(g.Sum(l => l.Count), 1)),
            lines.GroupBy(l => $"{l.Origin} {l.Service}").ToDictionary(g => g.Key, g => Measures.Round(g.Sum(l => l.Count), 1)),
            lines.OrderBy(l => l.Origin, StringComparer.Ordinal).ThenByDescending(l => l.Count).ToList(),
            lines.GroupBy(l => l.Origin).ToDictionary(g => g.Key, g => Math.Round(g.Sum(l => l.Usd) * 1000, 4)),
            Math.Round(lines.Sum(l => l.Usd) * 1000, 4),
            ours.OrderByDescending(l => l.Count).FirstOrDefault(),
            ours.OrderByDescending(l => l.Usd).FirstOrDefault(),
            idle,
            Prices.Basis);
    }

    /// <summary>Counts scaled by <paramref name="factor"/> (per application, per minute), one line per origin, service, operation and resource.</summary>
    static List<OperationLine> Lines(IEnumerable<StorageCount> spent, double factor, string tablePrefix, string taskHub) =>
        spent.GroupBy(c => (c.Origin, c.Service, c.Operation, Resource: Measures.Resource(c.Resource, tablePrefix, taskHub)))
            .Select(g =>
            {
                var count = g.Sum(c => c.Count) * factor;
                // "GetMessages (empty)", "UpdateEntity (conflict)": billed as the operation itself.
                var operation = g.Key.Operation.Split(" (", 2)[0];
                return new OperationLine(g.Key.Origin, g.Key.Service, g.Key.Operation, g.Key.Resource, Measures.Round(count, 2),
                    Prices.Dollars(g.Key.Service, operation, count));
            })
            .ToList();
}
