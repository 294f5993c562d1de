using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mouazara.Local.Configuration;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Intake.Support;

/// <summary>A file a sample delivery links to, as the test file server serves it.</summary>
public sealed record ServedFile(string DocumentType, byte[] Content, string ContentType, string Path)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Content));
}

/// <summary>A sample delivery made unique for one test: its own submission and form ids, its links on the test file server.</summary>
public sealed record SampleDelivery(JsonObject Json, string SubmissionId, string FormId, IReadOnlyList<ServedFile> Files)
{
    public byte[] Bytes => JsonSerializer.SerializeToUtf8Bytes(Json, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) });
}

/// <summary>
/// The repository's realistic sample deliveries (samples/kobo, samples/typeform, samples/tally, with Arabic and
/// French answers), re-keyed per test, with a distinct real file served for every link.
/// </summary>
public static class Samples
{
    public static JsonObject Load(string provider)
    {
        var folder = Path.Combine(LocalSettings.FindRepoRoot(), "samples", provider);
        return JsonNode.Parse(File.ReadAllText(Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).First()))!.AsObject();
    }

    /// <summary>Document type by upload question, from the demo mapping the samples were written for.</summary>
    static Dictionary<string, string> DocumentQuestions(string provider)
    {
        var mapping = JsonNode.Parse(File.ReadAllText(Path.Combine(LocalSettings.FindRepoRoot(), "editions", "mappings", $"demo.{provider}.json")))!;
        return mapping["documents"]!.AsObject().ToDictionary(d => d.Value!.GetValue<string>(), d => d.Key, StringComparer.Ordinal);
    }

    public static SampleDelivery Kobo(FileServer server, string formId, int failFirst = 0)
    {
        var json = Load("kobo");
        var id = Guid.NewGuid().ToString();
        json["_uuid"] = id;
        json["meta/instanceID"] = "uuid:" + id;
        json["_xform_id_string"] = formId;
        var types = DocumentQuestions("kobo");
        var files = new List<ServedFile>();
        foreach (var attachment in json["_attachments"]!.AsArray())
        {
            var type = types[attachment!["question_xpath"]!.GetValue<string>()];
            var mime = attachment["mimetype"]!.GetValue<string>();
            var path = $"/kobo/api/v2/assets/{formId}/data/{id}/attachments/{attachment["id"]}/";
            var file = new ServedFile(type, Content(mime, type + " " + id), mime, path);
            attachment["download_url"] = new Uri(server.BaseAddress, path).ToString();
            server.Serve(path, file.Content, mime, failFirst: type == "budget" ? failFirst : 0);
            files.Add(file);
        }

        return new SampleDelivery(json, id, formId, files);
    }

    public static SampleDelivery Typeform(FileServer server, string formId)
    {
        var json = Load("typeform");
        var token = Guid.NewGuid().ToString("N");
        var response = json["form_response"]!.AsObject();
        response["token"] = token;
        response["form_id"] = formId;
        var types = DocumentQuestions("typeform");
        var files = new List<ServedFile>();
        foreach (var answer in response["answers"]!.AsArray())
        {
            if (answer!["type"]!.GetValue<string>() != "file_url")
            {
                continue;
            }

            var field = answer["field"]!;
            var type = types[field["ref"]!.GetValue<string>()];
            var name = new Uri(answer["file_url"]!.GetValue<string>()).Segments[^1];
            var mime = name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "application/pdf";
            var path = $"/typeform/forms/{formId}/responses/{token}/fields/{field["id"]}/files/{name}";
            var file = new ServedFile(type, Content(mime, type + " " + token), mime, path);
            answer["file_url"] = new Uri(server.BaseAddress, path).ToString();
            server.Serve(path, file.Content, mime);
            files.Add(file);
        }

        return new SampleDelivery(json, token, formId, files);
    }

    public static SampleDelivery Tally(FileServer server, string formId)
    {
        var json = Load("tally");
        var responseId = "t" + Guid.NewGuid().ToString("N")[..9];
        var data = json["data"]!.AsObject();
        data["responseId"] = responseId;
        data["submissionId"] = responseId;
        data["formId"] = formId;
        var types = DocumentQuestions("tally");
        var files = new List<ServedFile>();
        foreach (var field in data["fields"]!.AsArray())
        {
            if (field!["type"]!.GetValue<string>() != "FILE_UPLOAD")
            {
                continue;
            }

            var type = types[field["key"]!.GetValue<string>()];
            var upload = field["value"]!.AsArray()[0]!;
            var mime = upload["mimeType"]!.GetValue<string>();
            var path = $"/tally/private/{responseId}/{upload["name"]}";
            var file = new ServedFile(type, Content(mime, type + " " + responseId), mime, path);
            upload["url"] = new Uri(server.BaseAddress, path) + "?id=" + upload["id"] + "&accessToken=test&signature=test";
            server.Serve(path, file.Content, mime);
            files.Add(file);
        }

        return new SampleDelivery(json, responseId, formId, files);
    }

    /// <summary>A small real file of the type, different for every title.</summary>
    public static byte[] Content(string contentType, string title) => contentType switch
    {
        "image/jpeg" => Jpeg(title),
        "image/png" => [.. TestFiles.Png, .. System.Text.Encoding.UTF8.GetBytes(title)],
        _ => TestFiles.Pdf(title),
    };

    /// <summary>A JPEG's markers around a comment segment holding the title: enough for magic bytes and a unique hash.</summary>
    static byte[] Jpeg(string title)
    {
        var comment = System.Text.Encoding.UTF8.GetBytes(title);
        return [0xFF, 0xD8, 0xFF, 0xFE, (byte)((comment.Length + 2) >> 8), (byte)(comment.Length + 2), .. comment, 0xFF, 0xD9];
    }

    public static string NewFormId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    public static string ApplicationIdFor(string provider, string submissionId) => global::Mouazara.Applications.ApplicationIds.For(provider, submissionId);

    public static Task<IntakeStack> StackAsync() => IntakeStack.SharedAsync();

    public static string Id(string prefix) => LocalStack.NewId(prefix);
}
