using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;
using Mouazara.Kernel;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Http;

/// <summary>
/// The OpenAPI document is generated from the route table, so it cannot drift: a real OpenAPI reader accepts it with no
/// error or warning, it holds every route and method of <see cref="ApiRoutes.All"/> and nothing else, its schemas name the
/// properties the handlers' types are (de)serialized with, and the running host serves exactly it.
/// </summary>
public sealed class OpenApiDocumentTests
{
    static readonly Lazy<OpenApiDocument> Parsed = new(() =>
    {
        var result = OpenApiDocument.Parse(ApiDescription.Json, "json");
        return result.Document ?? throw new InvalidOperationException("Not parsed: " + string.Join("; ", result.Diagnostic?.Errors.Select(e => e.Message) ?? []));
    });

    [Fact]
    public void A_real_OpenAPI_reader_reads_the_document_as_3_1_with_no_errors_or_warnings()
    {
        var result = OpenApiDocument.Parse(ApiDescription.Json, "json");

        Assert.NotNull(result.Document);
        Assert.True(result.Diagnostic!.Errors.Count == 0, "Errors: " + string.Join("\n", result.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.True(result.Diagnostic.Warnings.Count == 0, "Warnings: " + string.Join("\n", result.Diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        Assert.StartsWith("3.1", JsonNode.Parse(ApiDescription.Json)!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_route_and_method_of_the_table_is_described_with_its_path_parameters_and_nothing_else()
    {
        var missing = ApiRoutes.All.Where(r => !ApiRouteDocs.ByRoute.ContainsKey(r.Name)).Select(r => r.Name).ToList();
        Assert.True(missing.Count == 0, "Describe these routes in ApiRouteDocs.ByRoute (src/Mouazara/ApiRouteDocs.cs): " + string.Join(", ", missing));

        var expected = ApiRoutes.All.SelectMany(r => r.Methods.Select(m => $"{m} /api/{r.Template}")).Order(StringComparer.Ordinal).ToList();
        var described = Parsed.Value.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method} {p.Key}")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, described);

        foreach (var route in ApiRoutes.All)
        {
            foreach (var method in route.Methods)
            {
                var operation = Parsed.Value.Paths["/api/" + route.Template].Operations![new HttpMethod(method)];
                Assert.Equal(ApiDescription.OperationId(route, method), operation.OperationId);
                Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{route.Name} has no summary.");
                var parameters = operation.Parameters ?? [];
                var pathParameters = parameters.Where(p => p.In == ParameterLocation.Path).Select(p => p.Name!).ToList();
                Assert.Equal(ApiDescription.PathParameters(route), pathParameters);
                Assert.All(parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{route.Name}: {p.Name} has no description."));
                Assert.NotEmpty(operation.Responses!);
            }
        }
    }

    [Fact]
    public void Security_follows_each_routes_declared_access()
    {
        foreach (var route in ApiRoutes.All)
        {
            var access = ApiRouteDocs.ByRoute[route.Name].Access;
            var operation = Parsed.Value.Paths["/api/" + route.Template].Operations![new HttpMethod(route.Methods[0])];
            var requirements = (operation.Security ?? []).Select(r => string.Join("+", r.Select(kv => kv.Key.Reference.Id + "[" + string.Join(",", kv.Value) + "]"))).ToList();
            var expected = access.Kind switch
            {
                Mouazara.Security.AccessKind.Staff or Mouazara.Security.AccessKind.Finance or Mouazara.Security.AccessKind.StaffOrFinance =>
                    access.Roles.Select(r => $"{ApiDescription.BearerScheme}[{r}]").ToList(),
                Mouazara.Security.AccessKind.ProviderWebhook => [ApiDescription.GenericSignatureScheme + "[]", ApiDescription.TypeformSignatureScheme + "[]",
                    ApiDescription.TallySignatureScheme + "[]", ApiDescription.KoboBasicScheme + "[]"],
                _ => [],
            };
            Assert.True(expected.SequenceEqual(requirements), $"{route.Name} ({access}): {string.Join(" | ", requirements)}");
            if (access.Kind is Mouazara.Security.AccessKind.Staff or Mouazara.Security.AccessKind.Finance or Mouazara.Security.AccessKind.StaffOrFinance)
            {
                Assert.Contains("401", operation.Responses!.Keys);
                Assert.Contains("403", operation.Responses.Keys);
            }
        }
    }

    [Fact]
    public void Each_body_schema_names_the_properties_the_API_reads_and_writes()
    {
        var types = ApiRouteDocs.ByRoute.Values
            .SelectMany(d => d.Answers.Select(a => a.Type).Concat(d.Request?.Content.Select(c => c.Type) ?? []))
            .OfType<Type>().Where(t => !t.Name.Contains("AnonymousType", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(types);
        var schemas = Parsed.Value.Components!.Schemas!;
        var options = new JsonSerializerOptions(Json.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        foreach (var type in types)
        {
            Assert.True(schemas.TryGetValue(type.Name, out var schema), $"No schema {type.Name}.");
            var contract = options.GetTypeInfo(type).Properties.Where(p => !p.IsExtensionData).Select(p => p.Name).Order(StringComparer.Ordinal);
            Assert.Equal(contract, schema!.Properties!.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_running_host_serves_the_generated_document_and_a_reference_page_under_a_strict_policy_without_a_token()
    {
        var stack = await LocalStack.SharedAsync();

        using var document = await stack.Client.Http.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ApiDescription.Json, await document.Content.ReadAsStringAsync());
        // Public and generated from code alone: no address, key or secret of any host in it.
        Assert.DoesNotContain("localhost", ApiDescription.Json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret\":", ApiDescription.Json, StringComparison.OrdinalIgnoreCase);

        using var page = await stack.Client.Http.GetAsync("api/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("src=\"/api/docs/scalar.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        using var script = await stack.Client.Http.GetAsync("api/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("createApiReference", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
