using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Mouazara.Http;
using Mouazara.Security;

namespace Mouazara;

/// <summary>
/// The OpenAPI 3.1 document of the API, generated from <see cref="ApiRoutes.All"/> and <see cref="ApiRouteDocs"/>: every
/// route and method of the table, nothing else. The same bytes in both hosts, built once per process.
/// </summary>
public static partial class ApiDescription
{
    public const string ProblemTypeBase = "urn:mouazara:problem:";
    public const string BearerScheme = "entraId";
    public const string GenericSignatureScheme = "genericSignature";
    public const string TypeformSignatureScheme = "typeformSignature";
    public const string TallySignatureScheme = "tallySignature";
    public const string KoboBasicScheme = "koboBasic";

    static readonly Lazy<string> Serialized = new(() => Serialize(Build()));

    /// <summary>The document as served at <c>GET /api/openapi.json</c>.</summary>
    public static string Json => Serialized.Value;

    /// <summary>Path parameters mean the same on every route, except where a route says otherwise.</summary>
    static readonly Dictionary<string, string> SharedPathParameters = new(StringComparer.Ordinal)
    {
        ["id"] = "The application's id (as returned by intake and listed by GET /api/applications).",
        ["n"] = "The number (1, 2, …).",
        ["token"] = "The signed link's token, exactly as emailed. It names the application and what the link allows; it expires.",
        ["documentType"] = "A document type code: statutes, legal-registration, board-minutes, bank-certificate, budget, project-description, "
            + "signed-agreement, progress-report, final-report, agreement.",
        ["provider"] = "The form provider: generic, kobo, typeform or tally.",
    };

    public static OpenApiDocument Build()
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Mouazara API",
                Version = "1",
                Description = "The backend of Morocco's Mouazara programme: intake of applications from form providers, signed links for "
                    + "applicants and committee members, staff and finance calls with Microsoft Entra ID tokens. Errors are "
                    + "application/problem+json (RFC 9457) with a stable type `urn:mouazara:problem:<name>`. Signed links carry their "
                    + "token in the path (`{token}`), so they need no header: whoever holds the link may use it until it expires.",
            },
            Servers = [new OpenApiServer { Url = "/", Description = "This host." }],
            Paths = [],
            Components = new OpenApiComponents(),
            Tags = new HashSet<OpenApiTag>(),
        };
        SecuritySchemes(document);
        var schemas = new JsonSchemas(document);
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas["Problem"] = ProblemSchema(schemas);

        foreach (var route in ApiRoutes.All)
        {
            var doc = ApiRouteDocs.For(route);
            var path = "/api/" + route.Template;
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }

            document.Tags.Add(new OpenApiTag { Name = doc.Tag });
            foreach (var (method, index) in route.Methods.Select((m, i) => (m, i)))
            {
                ((OpenApiPathItem)item).AddOperation(new HttpMethod(method), Operation(document, schemas, route, doc, method, index));
            }
        }

        document.Tags = new HashSet<OpenApiTag>(document.Tags.OrderBy(t => t.Name, StringComparer.Ordinal));
        return document;
    }

    public static string Serialize(OpenApiDocument document)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    /// <summary>The template's path parameters, in order.</summary>
    public static IReadOnlyList<string> PathParameters(ApiRoute route) =>
        [.. PathParameter().Matches(route.Template).Select(m => m.Groups[1].Value)];

    /// <summary>The operation id of one method of a route: its name, with the method added for its second and later methods.</summary>
    public static string OperationId(ApiRoute route, string method) =>
        route.Methods[0] == method ? route.Name : route.Name + method[..1] + method[1..].ToLowerInvariant();

    static OpenApiOperation Operation(OpenApiDocument document, JsonSchemas schemas, ApiRoute route, RouteDoc doc, string method, int index)
    {
        var operation = new OpenApiOperation
        {
            OperationId = OperationId(route, method),
            Summary = doc.Summary,
            Description = doc.Description,
            Tags = new HashSet<OpenApiTagReference> { new(doc.Tag, document) },
            Parameters = [],
            Responses = [],
            Security = Security(document, doc.Access),
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                ["x-mouazara-access"] = new JsonNodeExtension(new JsonObject
                {
                    ["kind"] = doc.Access.Kind.ToString(),
                    ["roles"] = new JsonArray([.. doc.Access.Roles.Select(r => JsonValue.Create(r))]),
                    ["linkPurpose"] = doc.Access.LinkPurpose,
                }),
            },
        };

        foreach (var name in PathParameters(route))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = doc.PathParameters.GetValueOrDefault(name) ?? SharedPathParameters.GetValueOrDefault(name)
                    ?? throw new InvalidOperationException($"Describe the path parameter {{{name}}} of {route.Name} in ApiRouteDocs (PathParameters)."),
                Schema = name == "provider"
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["generic", "kobo", "typeform", "tally"] }
                    : name == "n" ? new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        foreach (var parameter in doc.Parameters)
        {
            var schema = parameter.Values is { } values
                ? new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] }
                : (OpenApiSchema)(schemas.For(parameter.Type ?? typeof(string)) as OpenApiSchema ?? new OpenApiSchema { Type = JsonSchemaType.String });
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.In == RouteParameterIn.Query ? ParameterLocation.Query : ParameterLocation.Header,
                Required = parameter.Required,
                Description = parameter.Description,
                Schema = schema,
            });
        }

        if (doc.Request is { } body && method is not ("GET" or "HEAD"))
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Description = body.Description,
                Required = body.Required,
                Content = body.Content.ToDictionary(c => c.MediaType, c => (IOpenApiMediaType)new OpenApiMediaType { Schema = BodySchema(schemas, c.MediaType, c.Type) }),
            };
        }

        foreach (var answer in doc.Answers.Concat(SharedAnswers(doc)).GroupBy(a => a.Status).OrderBy(g => g.Key))
        {
            operation.Responses[answer.Key.ToString(CultureInfo.InvariantCulture)] = Response(document, schemas, [.. answer], method);
        }

        return operation;
    }

    static IEnumerable<RouteAnswer> SharedAnswers(RouteDoc doc)
    {
        switch (doc.Access.Kind)
        {
            case AccessKind.Staff or AccessKind.Finance or AccessKind.StaffOrFinance:
                yield return new RouteAnswer(401, "No bearer token, or one that is not valid (signature, expiry, audience, issuer). Comes with WWW-Authenticate: Bearer.",
                    Problems: ["unauthenticated"]);
                yield return new RouteAnswer(403, "The token's app roles do not allow this call.", Problems: ["forbidden"]);
                break;
            case AccessKind.SignedLink:
                yield return new RouteAnswer(401, "The link is not valid (altered, expired, of another kind, or its application is unknown). "
                    + "A browser gets a page saying so.", Problems: ["invalid-link"]);
                break;
            case AccessKind.ProviderWebhook:
                yield return new RouteAnswer(401, "The delivery is not authenticated as its provider does it (signature, timestamp or credentials).",
                    Problems: ["invalid-signature", "stale-timestamp", "invalid-credentials"]);
                break;
        }

        if (doc.Access.Kind != AccessKind.Public)
        {
            yield return new RouteAnswer(503, "Storage or the durable engine cannot be reached; retry after Retry-After seconds.", Problems: ["storage-unavailable"]);
        }
    }

    static OpenApiResponse Response(OpenApiDocument document, JsonSchemas schemas, IReadOnlyList<RouteAnswer> answers, string method)
    {
        var response = new OpenApiResponse
        {
            Description = string.Join(" ", answers.Select(a => a.Description).Where(d => d.Length > 0)),
            Content = new Dictionary<string, IOpenApiMediaType>(),
        };
        var problems = answers.SelectMany(a => a.Problems ?? []).Distinct().ToList();
        if (problems.Count > 0)
        {
            response.Content["application/problem+json"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    AllOf = [new OpenApiSchemaReference("Problem", document)],
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. problems.Select(p => (JsonNode)JsonValue.Create(ProblemTypeBase + p))] },
                    },
                },
            };
        }

        if (method != "HEAD")
        {
            foreach (var answer in answers.Where(a => a.Problems is null))
            {
                response.Content[answer.MediaType] = new OpenApiMediaType { Schema = BodySchema(schemas, answer.MediaType, answer.Type) };
            }
        }

        if (answers.Any(a => a.Status is 503 or 429))
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }

        return response;
    }

    static IOpenApiSchema BodySchema(JsonSchemas schemas, string mediaType, Type? type) =>
        type is not null ? schemas.For(type)
        : mediaType.StartsWith("text/", StringComparison.Ordinal) ? new OpenApiSchema { Type = JsonSchemaType.String }
        : new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = mediaType };

    static OpenApiSchema ProblemSchema(JsonSchemas schemas) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details.",
        Required = new HashSet<string> { "type", "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable: `urn:mouazara:problem:<name>`." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Invalid values: each field's messages.",
                AdditionalProperties = schemas.For(typeof(string[])),
            },
        },
    };

    static List<OpenApiSecurityRequirement> Security(OpenApiDocument document, RouteAccess access)
    {
        OpenApiSecurityRequirement One(string scheme, params string[] roles) => new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [.. roles] };
        return access.Kind switch
        {
            // OpenAPI 3.1: for a scheme other than OAuth2 the list names the roles the call needs; each requirement is an alternative.
            AccessKind.Staff or AccessKind.Finance or AccessKind.StaffOrFinance => [.. access.Roles.Select(r => One(BearerScheme, r))],
            AccessKind.ProviderWebhook => [One(GenericSignatureScheme), One(TypeformSignatureScheme), One(TallySignatureScheme), One(KoboBasicScheme)],
            _ => [],
        };
    }

    static void SecuritySchemes(OpenApiDocument document)
    {
        document.Components!.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = $"A Microsoft Entra ID access token for the API's app registration (aud = its application id URI), carrying the app "
                    + $"role {Roles.Staff} or {Roles.Finance} in its roles claim. Locally, the local host's GET /dev/token?role=staff|finance.",
            },
            [GenericSignatureScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Mouazara-Signature",
                Description = "POST /api/intake/generic: sha256=<lowercase hex HMAC-SHA256 of \"<X-Mouazara-Timestamp>.<raw body>\"> with the provider's "
                    + "secret, and X-Mouazara-Timestamp (Unix seconds, within 5 minutes).",
            },
            [TypeformSignatureScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "Typeform-Signature",
                Description = "POST /api/intake/typeform: sha256=<base64 HMAC-SHA256 of the raw body> with the webhook's secret.",
            },
            [TallySignatureScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "Tally-Signature",
                Description = "POST /api/intake/tally: <base64 HMAC-SHA256 of the raw body> with the form's signing secret.",
            },
            [KoboBasicScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "POST /api/intake/kobo: the REST service's basic authentication (username:password).",
            },
        };
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex PathParameter();
}
