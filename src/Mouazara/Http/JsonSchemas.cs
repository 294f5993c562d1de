using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;

namespace Mouazara.Http;

/// <summary>
/// JSON schemas of the API's bodies, read from the C# types the handlers read and write, named as
/// <see cref="Kernel.Json.Options"/> names them (camelCase, enums as camelCase strings, nulls left out): a record
/// that changes changes its schema. Named types become components of <paramref name="document"/>; anonymous types
/// (the handlers' small answers) are inlined.
/// </summary>
public sealed class JsonSchemas(OpenApiDocument document)
{
    static readonly NullabilityInfoContext Nullability = new();
    readonly Dictionary<Type, string> names = [];

    /// <summary>The schema of <paramref name="type"/>: a reference for a named class or record, inline otherwise.</summary>
    public IOpenApiSchema For(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalar(type) is { } scalar)
        {
            return scalar;
        }

        if (type.IsEnum)
        {
            return new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(n)))],
            };
        }

        if (DictionaryValue(type) is { } value)
        {
            return new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = For(value) };
        }

        if (ElementType(type) is { } element)
        {
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = For(element) };
        }

        if (IsAnonymous(type))
        {
            return ObjectSchema(type);
        }

        if (!names.TryGetValue(type, out var name))
        {
            name = UniqueName(type);
            names[type] = name;
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[name] = new OpenApiSchema(); // placeholder: the type may refer to itself
            document.Components.Schemas[name] = ObjectSchema(type);
        }

        return new OpenApiSchemaReference(name, document);
    }

    string UniqueName(Type type)
    {
        var name = type.Name;
        var i = 2;
        while (names.ContainsValue(name))
        {
            name = type.Name + i++;
        }

        return name;
    }

    OpenApiSchema ObjectSchema(Type type)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>(),
            Required = new HashSet<string>(StringComparer.Ordinal),
        };
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            if (property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
            {
                schema.AdditionalProperties = new OpenApiSchema();
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var converter = property.GetCustomAttribute<JsonConverterAttribute>();
            schema.Properties[name] = converter is not null && property.PropertyType == typeof(TimeSpan)
                ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "duration", Description = "ISO 8601 duration, e.g. P3D or PT20M." }
                : For(property.PropertyType);

            // Nulls are never written, and a nullable request field may be left out: only the others are required.
            if (!IsNullable(property))
            {
                schema.Required.Add(name);
            }
        }

        return schema;
    }

    static bool IsNullable(PropertyInfo property)
    {
        if (property.PropertyType.IsValueType)
        {
            return Nullable.GetUnderlyingType(property.PropertyType) is not null;
        }

        // Anonymous types carry no annotations: their reference-typed members are taken as present.
        return !IsAnonymous(property.DeclaringType!) && Nullability.Create(property).ReadState != NullabilityState.NotNull;
    }

    static bool IsAnonymous(Type type) => type.Name.Contains("AnonymousType", StringComparison.Ordinal);

    static OpenApiSchema? Scalar(Type type) => type switch
    {
        _ when type == typeof(string) => new() { Type = JsonSchemaType.String },
        _ when type == typeof(bool) => new() { Type = JsonSchemaType.Boolean },
        _ when type == typeof(int) || type == typeof(short) => new() { Type = JsonSchemaType.Integer, Format = "int32" },
        _ when type == typeof(long) => new() { Type = JsonSchemaType.Integer, Format = "int64" },
        _ when type == typeof(decimal) => new() { Type = JsonSchemaType.Number, Description = "Exact to the centime." },
        _ when type == typeof(double) || type == typeof(float) => new() { Type = JsonSchemaType.Number, Format = "double" },
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => new() { Type = JsonSchemaType.String, Format = "date-time" },
        _ when type == typeof(DateOnly) => new() { Type = JsonSchemaType.String, Format = "date" },
        _ when type == typeof(TimeSpan) => new() { Type = JsonSchemaType.String, Description = "A duration as d.hh:mm:ss." },
        _ when type == typeof(Guid) => new() { Type = JsonSchemaType.String, Format = "uuid" },
        _ when type == typeof(Uri) => new() { Type = JsonSchemaType.String, Format = "uri" },
        _ when type == typeof(byte[]) => new() { Type = JsonSchemaType.String, ContentEncoding = "base64" },
        _ when type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonNode) || type == typeof(JsonObject) => new(),
        _ => null,
    };

    static Type? DictionaryValue(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericArguments().Length == 2 && type.GetGenericArguments()[0] == typeof(string)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && i.GetGenericArguments()[0] == typeof(string));
        return dictionary is not null && typeof(IEnumerable).IsAssignableFrom(type) ? dictionary.GetGenericArguments()[1] : null;
    }

    static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;
}
