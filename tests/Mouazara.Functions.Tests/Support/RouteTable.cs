namespace Mouazara.Functions.Tests.Support;

/// <summary>A route as both hosts serve it: template under /api and its methods (upper case, sorted), optionally named.</summary>
sealed record ServedRoute(string? Name, string Template, IReadOnlyList<string> Methods)
{
    public static ServedRoute Of(string? name, string template, IEnumerable<string> methods) =>
        new(name, template, methods.Select(m => m.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList());

    public static ServedRoute Of(ApiRoute route) => Of(route.Name, route.Template, route.Methods);

    /// <summary>What parity is about: the template and the methods, not the name.</summary>
    public string Key => $"{string.Join(",", Methods)} {Template}";

    public override string ToString() => Name is null ? Key : $"{Name}: {Key}";
}

static class RouteTable
{
    /// <summary>Routes on one side and not on the other, each way, by template and methods (duplicates count).</summary>
    public static (List<string> OnlyLeft, List<string> OnlyRight) Difference(IEnumerable<ServedRoute> left, IEnumerable<ServedRoute> right)
    {
        var remaining = right.Select(r => r.Key).ToList();
        var onlyLeft = new List<string>();
        foreach (var key in left.Select(l => l.Key))
        {
            if (!remaining.Remove(key))
            {
                onlyLeft.Add(key);
            }
        }

        return (onlyLeft, remaining);
    }

    public static void AssertSame(IEnumerable<ServedRoute> expected, string expectedSide, IEnumerable<ServedRoute> actual, string actualSide)
    {
        var (missing, extra) = Difference(expected, actual);
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{expectedSide} and {actualSide} differ.\n" +
            $"  In {expectedSide} only: {(missing.Count == 0 ? "-" : string.Join("; ", missing))}\n" +
            $"  In {actualSide} only: {(extra.Count == 0 ? "-" : string.Join("; ", extra))}");
    }
}
