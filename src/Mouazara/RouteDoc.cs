using Mouazara.Security;

namespace Mouazara;

/// <summary>
/// What one route of <see cref="ApiRoutes"/> is for, as integrators read it in the OpenAPI document: who may call it
/// (also what the authorization matrix test checks), its parameters beyond the path's, its body and its answers.
/// Path parameters come from the route's template; the answers every route of its access kind shares (401, 403,
/// 503) are added by <see cref="ApiDescription"/>.
/// </summary>
public sealed record RouteDoc(RouteAccess Access, string Tag, string Summary)
{
    public string? Description { get; init; }

    /// <summary>Descriptions of path parameters where the shared one (<see cref="ApiDescription"/>) does not fit.</summary>
    public IReadOnlyDictionary<string, string> PathParameters { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<RouteParameter> Parameters { get; init; } = [];

    public RouteBody? Request { get; init; }

    public IReadOnlyList<RouteAnswer> Answers { get; init; } = [];
}

/// <summary>A query or header parameter; <paramref name="Values"/> lists the accepted codes when they are few.</summary>
public sealed record RouteParameter(string Name, RouteParameterIn In, string Description, bool Required = false, Type? Type = null, IReadOnlyList<string>? Values = null);

public enum RouteParameterIn
{
    Query,
    Header,
}

/// <summary>A request body: each accepted media type with the C# type it is read into (null: the raw bytes, e.g. a file).</summary>
public sealed record RouteBody(string Description, IReadOnlyList<(string MediaType, Type? Type)> Content, bool Required = true);

/// <summary>
/// One answer. A success names the type written (null: no body, or bytes of <paramref name="MediaType"/>); an error
/// lists its problem types (<c>urn:mouazara:problem:&lt;name&gt;</c>, without the prefix).
/// </summary>
public sealed record RouteAnswer(int Status, string Description, Type? Type = null, string MediaType = "application/json", IReadOnlyList<string>? Problems = null);
