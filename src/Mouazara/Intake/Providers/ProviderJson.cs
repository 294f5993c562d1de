using System.Text.Json;

namespace Mouazara.Intake.Providers;

/// <summary>Reading provider JSON defensively: every value may have any type, or be missing.</summary>
public static class ProviderJson
{
    /// <summary>Deep enough for every provider's payload, shallow enough that nesting cannot exhaust the stack.</summary>
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>Parses a delivery's bytes (a UTF-8 byte-order mark is tolerated), or returns why it could not.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> body, out string? problem)
    {
        if (body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        // The reader checks structure, not the bytes inside strings; they are checked here, once, before any is read.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            problem = "The delivery is not valid UTF-8.";
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(body, Options);
            // Nor the \u escapes: a lone surrogate (\ud800) parses, then throws when its string is read.
            if (!HasReadableStrings(document.RootElement))
            {
                document.Dispose();
                problem = "The delivery holds an invalid \\u escape (a lone UTF-16 surrogate).";
                return null;
            }

            problem = null;
            return document;
        }
        catch (JsonException e)
        {
            problem = "The delivery is not valid JSON" + (e.LineNumber is { } line ? $" (line {line + 1})." : ".");
            return null;
        }
        catch (ArgumentException)
        {
            problem = "The delivery is not valid UTF-8 JSON.";
            return null;
        }
    }

    static bool HasReadableStrings(JsonElement element)
    {
        try
        {
            return Readable(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static bool Readable(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => element.GetString() is not null,
            JsonValueKind.Array => element.EnumerateArray().All(Readable),
            JsonValueKind.Object => element.EnumerateObject().All(p => p.Name is not null && Readable(p.Value)),
            _ => true,
        };
    }

    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement? Property(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : null;

    public static IEnumerable<JsonElement> Array(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A JSON number as a decimal when it fits; provider numbers such as 1e400 do not and read as absent.</summary>
    public static decimal? Number(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value) ? value : null;

    /// <summary>Text for a scalar value: strings as they are, numbers as written, booleans as true/false.</summary>
    public static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>An answer from a scalar JSON value, or null for arrays, objects and nulls.</summary>
    public static FormAnswer? Answer(IReadOnlyList<string> names, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => FormAnswer.OfText(names, value.GetString()!),
        JsonValueKind.Number => new FormAnswer(names, value.GetRawText(), Number(value), null, [value.GetRawText()], []),
        JsonValueKind.True or JsonValueKind.False => new FormAnswer(names, Scalar(value), null, value.GetBoolean(), [Scalar(value)!], []),
        _ => null,
    };
}
