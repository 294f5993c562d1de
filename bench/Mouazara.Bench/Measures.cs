namespace Mouazara.Bench;

/// <summary>Latency percentiles (nearest rank) and the arithmetic the scenarios share.</summary>
static class Measures
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static Latency Summarize(IReadOnlyList<double> values, int digits = 1) =>
        new(Round(Percentile(values, 50), digits), Round(Percentile(values, 95), digits), Round(Percentile(values, 99), digits),
            Round(values.Count == 0 ? double.NaN : values.Average(), digits));

    public static double Round(double value, int digits = 1) => double.IsFinite(value) ? Math.Round(value, digits) : value;

    public static double Ratio(double product, double floor) => floor > 0 && double.IsFinite(product) ? Math.Round(product / floor, 3) : double.NaN;

    /// <summary>What was counted between two snapshots, by (origin, service, operation, resource).</summary>
    public static List<StorageCount> Difference(IReadOnlyList<StorageCount> before, IReadOnlyList<StorageCount> after)
    {
        var start = before.ToDictionary(c => (c.Origin, c.Service, c.Operation, c.Resource), c => c.Count);
        return after.Select(c => c with { Count = c.Count - start.GetValueOrDefault((c.Origin, c.Service, c.Operation, c.Resource)) })
            .Where(c => c.Count > 0).ToList();
    }

    /// <summary>Resource names without the run's prefixes, so that lines read the same in every run.</summary>
    public static string Resource(string resource, string tablePrefix, string taskHub)
    {
        if (resource.StartsWith(taskHub, StringComparison.OrdinalIgnoreCase))
        {
            var rest = resource[taskHub.Length..];
            return "{hub}" + (rest.StartsWith("-control-", StringComparison.Ordinal) ? "-control-NN" : rest);
        }

        return resource.StartsWith(tablePrefix, StringComparison.Ordinal) ? resource[tablePrefix.Length..] : resource;
    }
}

public sealed record Latency(double P50, double P95, double P99, double Mean);
