using System.Text.Json;
using Mouazara.Intake.Providers;
using Mouazara.Kernel;

namespace Mouazara.Intake.Mapping;

/// <summary>
/// A kept delivery's bytes to a validated submission, or every reason why not. Pure: the same bytes and mapping
/// files always give the same answer, and no input makes it throw (the fuzz tests hold it to that).
/// </summary>
public static class DeliveryReader
{
    /// <summary>Reasons and question lists live in one table property (64 KB): both are bounded well below it.</summary>
    const int MaxQuestions = 200;
    const int MaxMessages = 60;

    public static (Submission? Submission, Dictionary<string, string[]> Errors, IReadOnlyList<string> Questions, string? FormId) Read(
        string provider, ReadOnlyMemory<byte> raw, MappingStore mappings)
    {
        if (provider == FormProviders.Generic)
        {
            return ReadGeneric(raw);
        }

        if (!FormProviders.Mapped.TryGetValue(provider, out var reader))
        {
            return (null, Reason("provider", "Unknown provider."), [], null);
        }

        var parsed = reader.Parse(raw);
        if (parsed.Delivery is not { } answers)
        {
            return (null, Reason("delivery", parsed.Problem ?? "Unreadable."), [], null);
        }

        var questions = answers.Answers.Select(a => Clip(a.Name, 80)).Distinct(StringComparer.Ordinal).Take(MaxQuestions).ToList();
        var formId = answers.FormId is null ? null : Clip(answers.FormId, 100);
        var (mapping, problem) = mappings.Find(provider, answers.FormId);
        if (mapping is null)
        {
            return (null, Reason("mapping", problem!), questions, formId);
        }

        var (body, mappingErrors) = FormMapper.Map(mapping, answers);
        var (submission, validation) = SubmissionValidator.Validate(body);
        var errors = mappingErrors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        foreach (var (field, messages) in validation)
        {
            if (!errors.ContainsKey(field))
            {
                mapping.Fields.TryGetValue(field, out var rule);
                errors[field] = [.. messages.Select(m => m + FormMapper.Where(rule))];
            }
        }

        if (errors.Count > MaxMessages)
        {
            errors = errors.Take(MaxMessages).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        }

        return (errors.Count == 0 ? submission : null, errors, questions, formId);
    }

    static (Submission?, Dictionary<string, string[]>, IReadOnlyList<string>, string?) ReadGeneric(ReadOnlyMemory<byte> raw)
    {
        try
        {
            var body = JsonSerializer.Deserialize<GenericSubmission>(raw.Span, Json.Options);
            if (body is null)
            {
                return (null, Reason("delivery", "Empty."), [], null);
            }

            var (submission, errors) = SubmissionValidator.Validate(body);
            return (submission, errors, [], null);
        }
        catch (JsonException)
        {
            return (null, Reason("delivery", "Not a generic submission."), [], null);
        }
    }

    static Dictionary<string, string[]> Reason(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
