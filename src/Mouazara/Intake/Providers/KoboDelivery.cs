using System.Text.Json;

namespace Mouazara.Intake.Providers;

/// <summary>
/// A KoboToolbox REST Service delivery (JSON): the submission as the data API shows it, one property per
/// question named by its path (<c>group/question</c>), values as XForm text (numbers and choices are strings,
/// a file question holds the file's name), and <c>_attachments</c> with each file's <c>download_url</c>,
/// fetched with the project's API key. The submission is <c>_uuid</c> (or <c>meta/instanceID</c>); the form is
/// <c>_xform_id_string</c>, the project's asset uid.
/// </summary>
public static class KoboDelivery
{
    public const string Provider = "kobo";

    public static FormParse Parse(ReadOnlyMemory<byte> body)
    {
        using var document = ProviderJson.Parse(body, out var problem);
        if (document is null)
        {
            return FormParse.Failed(problem!);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return FormParse.Failed("A KoboToolbox delivery is a JSON object.");
        }

        var id = ProviderJson.String(root, "_uuid");
        if (string.IsNullOrWhiteSpace(id))
        {
            var instance = ProviderJson.String(root, "meta/instanceID");
            id = instance is not null && instance.StartsWith("uuid:", StringComparison.Ordinal) ? instance["uuid:".Length..] : instance;
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return FormParse.Failed("The delivery has neither _uuid nor meta/instanceID.");
        }

        var answers = new List<FormAnswer>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.StartsWith('_') || property.Name.Length == 0)
            {
                continue;
            }

            var slash = property.Name.LastIndexOf('/');
            IReadOnlyList<string> names = slash > 0 && slash < property.Name.Length - 1 ? [property.Name, property.Name[(slash + 1)..]] : [property.Name];
            if (ProviderJson.Answer(names, property.Value) is { } answer)
            {
                byName.TryAdd(property.Name, answers.Count);
                answers.Add(answer);
            }
        }

        foreach (var attachment in ProviderJson.Array(ProviderJson.Property(root, "_attachments")))
        {
            var url = ProviderJson.String(attachment, "download_url");
            var stored = ProviderJson.String(attachment, "filename") ?? "";
            var baseName = ProviderJson.String(attachment, "media_file_basename") ?? stored[(stored.LastIndexOf('/') + 1)..];
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            // Newer servers name the question; older ones only the stored file, whose name the answer holds.
            var index = ProviderJson.String(attachment, "question_xpath") is { } xpath && byName.TryGetValue(xpath, out var byXpath)
                ? byXpath
                : answers.FindIndex(a => a.Text is { Length: > 0 } text && a.Files.Count == 0 && (text == baseName || stored.EndsWith("/" + text, StringComparison.Ordinal)));
            if (index < 0)
            {
                continue;
            }

            var answer = answers[index];
            var file = new FormFile(answer.Text ?? baseName, ProviderJson.String(attachment, "mimetype"), url);
            answers[index] = answer with { Files = [.. answer.Files, file] };
        }

        return new FormParse(new FormDelivery(id.Trim(), ProviderJson.String(root, "_xform_id_string"), answers), null);
    }
}
