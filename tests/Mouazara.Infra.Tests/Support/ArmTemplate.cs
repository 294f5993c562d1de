using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mouazara.Infra.Tests.Support;

/// <summary>Reads a compiled ARM template, looking inside the nested templates Bicep makes of its modules.</summary>
public static partial class ArmTemplate
{
    /// <summary>Every template: the root and each module's, however deep.</summary>
    public static IEnumerable<JsonObject> Templates(JsonObject root)
    {
        yield return root;
        foreach (var resource in Resources(root))
        {
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var template in Templates(nested))
                {
                    yield return template;
                }
            }
        }
    }

    /// <summary>The resources of one template; Bicep writes an array, or an object keyed by symbolic name.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    public static IEnumerable<(JsonObject Template, JsonObject Resource)> ResourcesOfType(JsonObject root, string type) =>
        from template in Templates(root)
        from resource in Resources(template)
        where string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase)
        select (template, resource);

    /// <summary>The Function App's app settings (the one <c>Microsoft.Web/sites/config</c> named appsettings): name → expression.</summary>
    public static (JsonObject Template, IReadOnlyDictionary<string, string> Settings) FunctionAppSettings(JsonObject root)
    {
        var found = ResourcesOfType(root, "Microsoft.Web/sites/config")
            .Where(r => ((string?)r.Resource["name"] ?? "").Contains("appsettings", StringComparison.Ordinal))
            .ToList();
        if (found.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected the template to set app settings in exactly one Microsoft.Web/sites/config 'appsettings' resource, found {found.Count}. " +
                "Keep them there, as one literal object, so they can be compared with what the app binds.");
        }

        var (template, resource) = found[0];
        var settings = resource["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);
        return (template, settings);
    }

    /// <summary>
    /// Whether an ARM expression produces text containing <paramref name="literal"/>, directly or through the
    /// template's user-defined functions (Bicep's <c>func</c>, compiled as <c>__bicep.name(...)</c>).
    /// </summary>
    public static bool Produces(JsonObject template, string expression, string literal, int depth = 0)
    {
        if (depth > 5)
        {
            return false;
        }

        if (expression.Contains(literal, StringComparison.Ordinal))
        {
            return true;
        }

        var members = template["functions"]?.AsArray().OfType<JsonObject>()
            .Where(f => (string?)f["namespace"] == "__bicep")
            .Select(f => f["members"]!.AsObject())
            .FirstOrDefault();
        if (members is null)
        {
            return false;
        }

        return FunctionCall().Matches(expression)
            .Select(m => members[m.Groups["name"].Value]?["output"]?["value"]?.ToString())
            .Any(body => body is not null && Produces(template, body, literal, depth + 1));
    }

    [GeneratedRegex(@"__bicep\.(?<name>[A-Za-z0-9_]+)\(")]
    private static partial Regex FunctionCall();
}
