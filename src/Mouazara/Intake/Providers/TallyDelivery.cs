using System.Text.Json;

namespace Mouazara.Intake.Providers;

/// <summary>
/// A Tally webhook delivery: <c>eventType</c> <c>FORM_RESPONSE</c> with <c>data.responseId</c>, <c>data.formId</c>
/// and <c>data.fields</c>, each with a <c>key</c>, a <c>label</c>, a <c>type</c> and a <c>value</c>: text, a number,
/// a boolean, option ids resolved through the field's <c>options</c> (choices, dropdowns, checkboxes), or for
/// <c>FILE_UPLOAD</c> a list of <c>{name, url, mimeType, size}</c> whose signed links need no credentials.
/// </summary>
public static class TallyDelivery
{
    public const string Provider = "tally";

    public static FormParse Parse(ReadOnlyMemory<byte> body)
    {
        using var document = ProviderJson.Parse(body, out var problem);
        if (document is null)
        {
            return FormParse.Failed(problem!);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || ProviderJson.Property(root, "data") is not { ValueKind: JsonValueKind.Object } data)
        {
            return FormParse.Failed("A Tally delivery is a JSON object with data.");
        }

        var id = ProviderJson.String(data, "responseId") ?? ProviderJson.String(data, "submissionId");
        if (string.IsNullOrWhiteSpace(id))
        {
            return FormParse.Failed("The delivery has no data.responseId.");
        }

        var eventType = ProviderJson.String(root, "eventType");
        if (eventType is not null && eventType != "FORM_RESPONSE")
        {
            return FormParse.Skip($"Tally event {eventType} is not a form response.");
        }

        var answers = new List<FormAnswer>();
        foreach (var field in ProviderJson.Array(ProviderJson.Property(data, "fields")))
        {
            var key = ProviderJson.String(field, "key");
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            IReadOnlyList<string> names = ProviderJson.String(field, "label") is { Length: > 0 } label ? [key, label] : [key];
            if (Read(names, field) is { } answer)
            {
                answers.Add(answer);
            }
        }

        return new FormParse(new FormDelivery(id.Trim(), ProviderJson.String(data, "formId"), answers), null);
    }

    static FormAnswer? Read(IReadOnlyList<string> names, JsonElement field)
    {
        if (ProviderJson.Property(field, "value") is not { } value)
        {
            return null;
        }

        var type = ProviderJson.String(field, "type");
        if (type is "FILE_UPLOAD" or "SIGNATURE")
        {
            var files = new List<FormFile>();
            foreach (var item in value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                if (ProviderJson.String(item, "url") is { Length: > 0 } url)
                {
                    files.Add(new FormFile(ProviderJson.String(item, "name") ?? "", ProviderJson.String(item, "mimeType"), url));
                }
            }

            return files.Count == 0 ? null : new FormAnswer(names, files[0].FileName, null, null, [], files);
        }

        // Choices arrive as option ids (a list, or a single id in older payloads); the options give their text.
        if (ProviderJson.Property(field, "options") is { ValueKind: JsonValueKind.Array } options
            && value.ValueKind is JsonValueKind.Array or JsonValueKind.String)
        {
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var option in options.EnumerateArray())
            {
                if (ProviderJson.String(option, "id") is { } optionId && ProviderJson.String(option, "text") is { } text)
                {
                    texts.TryAdd(optionId, text);
                }
            }

            var chosen = (value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(ProviderJson.Scalar) : [value.GetString()])
                .OfType<string>()
                .Select(optionId => texts.TryGetValue(optionId, out var text) ? text : optionId)
                .ToList();
            return chosen.Count == 0 ? null : new FormAnswer(names, string.Join(", ", chosen), null, null, chosen, []);
        }

        return ProviderJson.Answer(names, value);
    }
}
