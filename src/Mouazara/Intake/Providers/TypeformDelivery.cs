using System.Text.Json;

namespace Mouazara.Intake.Providers;

/// <summary>
/// A Typeform webhook delivery: <c>event_type</c> <c>form_response</c> with <c>form_response.token</c> (the
/// response id), <c>form_id</c>, the form's <c>definition.fields</c> (id, ref, title) and <c>answers</c>, each
/// naming its field by id and ref and holding a value under its type (<c>text</c>, <c>email</c>, <c>number</c>,
/// <c>boolean</c>, <c>date</c>, <c>choice.label</c>, <c>choices.labels</c>, <c>file_url</c>...). Files are
/// fetched from <c>file_url</c> with a personal access token. Hidden fields (e.g. the form's language) are
/// answers named <c>hidden.{name}</c>. Partial responses and other events are kept but not processed.
/// </summary>
public static class TypeformDelivery
{
    public const string Provider = "typeform";

    public static FormParse Parse(ReadOnlyMemory<byte> body)
    {
        using var document = ProviderJson.Parse(body, out var problem);
        if (document is null)
        {
            return FormParse.Failed(problem!);
        }

        var root = document.RootElement;
        var eventType = ProviderJson.String(root, "event_type");
        var response = ProviderJson.Property(root, "form_response");
        if (root.ValueKind != JsonValueKind.Object || response is not { ValueKind: JsonValueKind.Object } form)
        {
            return FormParse.Failed("A Typeform delivery is a JSON object with form_response.");
        }

        var token = ProviderJson.String(form, "token");
        if (string.IsNullOrWhiteSpace(token))
        {
            return FormParse.Failed("The delivery has no form_response.token.");
        }

        if (eventType is not null && eventType != "form_response")
        {
            return FormParse.Skip($"Typeform event {eventType} is not a completed response.");
        }

        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in ProviderJson.Array(ProviderJson.Property(ProviderJson.Property(form, "definition") ?? default, "fields")))
        {
            if (ProviderJson.String(field, "id") is { } id && ProviderJson.String(field, "title") is { } title)
            {
                titles.TryAdd(id, title);
            }
        }

        var answers = new List<FormAnswer>();
        foreach (var answer in ProviderJson.Array(ProviderJson.Property(form, "answers")))
        {
            var field = ProviderJson.Property(answer, "field") ?? default;
            var names = new List<string>(3);
            foreach (var name in new[] { ProviderJson.String(field, "ref"), ProviderJson.String(field, "id") })
            {
                if (!string.IsNullOrEmpty(name))
                {
                    names.Add(name);
                }
            }

            if (names.Count == 0)
            {
                continue;
            }

            if (titles.TryGetValue(ProviderJson.String(field, "id") ?? "", out var fieldTitle))
            {
                names.Add(fieldTitle);
            }

            if (Read(names, answer) is { } read)
            {
                answers.Add(read);
            }
        }

        if (ProviderJson.Property(form, "hidden") is { ValueKind: JsonValueKind.Object } hidden)
        {
            foreach (var property in hidden.EnumerateObject())
            {
                if (ProviderJson.Answer(["hidden." + property.Name], property.Value) is { } read)
                {
                    answers.Add(read);
                }
            }
        }

        return new FormParse(new FormDelivery(token.Trim(), ProviderJson.String(form, "form_id"), answers), null);
    }

    static FormAnswer? Read(List<string> names, JsonElement answer)
    {
        var type = ProviderJson.String(answer, "type");
        if (type is null || ProviderJson.Property(answer, type) is not { } value)
        {
            return null;
        }

        switch (type)
        {
            case "choice":
                var label = ProviderJson.String(value, "label") ?? ProviderJson.String(value, "other");
                if (label is null)
                {
                    return null;
                }

                var choices = new List<string> { label };
                if (ProviderJson.String(value, "ref") is { } choiceRef)
                {
                    choices.Add(choiceRef);
                }

                return new FormAnswer(names, label, null, null, choices, []);
            case "choices":
                var labels = ProviderJson.Array(ProviderJson.Property(value, "labels")).Select(ProviderJson.Scalar).OfType<string>().ToList();
                if (ProviderJson.String(value, "other") is { } other)
                {
                    labels.Add(other);
                }

                return labels.Count == 0 ? null : new FormAnswer(names, string.Join(", ", labels), null, null, labels, []);
            case "file_url":
                if (value.ValueKind != JsonValueKind.String || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out var url))
                {
                    return null;
                }

                // Typeform stores the file under "{random}-{original name}" as the URL's last segment.
                var fileName = Uri.UnescapeDataString(url.Segments[^1]);
                var dash = fileName.IndexOf('-', StringComparison.Ordinal);
                if (dash is > 0 and < 20)
                {
                    fileName = fileName[(dash + 1)..];
                }

                return new FormAnswer(names, fileName, null, null, [], [new FormFile(fileName, null, value.GetString()!)]);
            default:
                return ProviderJson.Answer(names, value);
        }
    }
}
