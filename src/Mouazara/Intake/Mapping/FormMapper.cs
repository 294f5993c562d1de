using System.Globalization;
using System.Text.Json;
using Mouazara.Intake.Providers;

namespace Mouazara.Intake.Mapping;

/// <summary>
/// Applies a <see cref="FormMapping"/> to a provider's answers, giving the generic submission our validator
/// already knows how to check. Every answer the mapping cannot turn into a value is reported against the
/// application field, naming the form's question, so staff know what to fix in which file.
/// </summary>
public static class FormMapper
{
    public static (GenericSubmission Body, Dictionary<string, List<string>> Errors) Map(FormMapping mapping, FormDelivery delivery)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var body = new GenericSubmission
        {
            SubmissionId = delivery.SubmissionId,
            Edition = mapping.Edition,
            Applicant = new GenericApplicant { Representative = new GenericRepresentative() },
            Project = new GenericProject(),
            Documents = [],
        };

        foreach (var (target, rule) in mapping.Fields)
        {
            if (!MappedFields.All.TryGetValue(target, out var field))
            {
                continue;
            }

            var answer = string.IsNullOrWhiteSpace(rule.Question) ? null : delivery.Find(rule.Question);
            object? value;
            string? problem;
            if (rule.Value is { } constant)
            {
                (value, problem) = FromJson(field, constant);
            }
            else if (answer is null || IsBlank(answer))
            {
                (value, problem) = rule.Default is { } fallback ? FromJson(field, fallback) : (null, null);
            }
            else
            {
                (value, problem) = FromAnswer(field, rule, answer);
            }

            if (problem is not null)
            {
                Add(errors, target, problem + Where(rule));
            }
            else if (value is not null)
            {
                Set(body, target, value);
            }
        }

        foreach (var (type, question) in mapping.Documents)
        {
            var file = delivery.Find(question)?.Files.FirstOrDefault();
            if (file is not null)
            {
                body.Documents!.Add(new GenericDocument { Type = type, FileName = file.FileName, ContentType = file.ContentType, Url = file.Url });
            }
        }

        return (body, errors);
    }

    /// <summary>" (question 'x')" for messages about a mapped field.</summary>
    public static string Where(FieldRule? rule) => string.IsNullOrWhiteSpace(rule?.Question) ? "" : $" (question '{Clip(rule.Question)}')";

    static bool IsBlank(FormAnswer answer) => answer.Boolean is null && answer.Number is null && string.IsNullOrWhiteSpace(answer.Text) && answer.Choices.Count == 0;

    static (object? Value, string? Problem) FromAnswer(MappedFields.Field field, FieldRule rule, FormAnswer answer)
    {
        switch (field.Kind)
        {
            case MappedFields.Kind.Text:
                if (rule.Choices is not null && Choose(rule.Choices, Candidates(answer)) is { } mapped)
                {
                    return mapped.ValueKind == JsonValueKind.String ? (mapped.GetString(), null) : (null, "The mapping's choice value must be text.");
                }

                return (answer.Text?.Trim(), null);
            case MappedFields.Kind.Code:
                foreach (var candidate in Candidates(answer))
                {
                    if (rule.Choices is not null && Choose(rule.Choices, [candidate]) is { } chosen)
                    {
                        return chosen.ValueKind == JsonValueKind.String ? (chosen.GetString(), null) : (null, "The mapping's choice value must be a code.");
                    }

                    if (FromVocabulary(field, candidate) is { } code)
                    {
                        return (code, null);
                    }
                }

                return (null, $"'{Clip(answer.Text)}' is not a choice this mapping knows; add it under choices");
            case MappedFields.Kind.Boolean:
                if (rule.Choices is not null && Choose(rule.Choices, Candidates(answer)) is { } flag)
                {
                    return flag.ValueKind is JsonValueKind.True or JsonValueKind.False ? (flag.GetBoolean(), null) : (null, "The mapping's choice value must be true or false.");
                }

                if (answer.Boolean is { } boolean)
                {
                    return (boolean, null);
                }

                return YesNo(answer.Text) is { } word ? (word, null) : (null, $"'{Clip(answer.Text)}' is not a yes or no; map it under choices");
            case MappedFields.Kind.Amount:
                return (answer.Number ?? ParseNumber(answer.Text)) is { } amount ? (amount, null) : (null, $"'{Clip(answer.Text)}' is not an amount in MAD");
            case MappedFields.Kind.Count:
                var number = answer.Number ?? ParseNumber(answer.Text);
                return number is { } n && n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue
                    ? ((int)n, null)
                    : (null, $"'{Clip(answer.Text)}' is not a whole number");
            case MappedFields.Kind.Date:
                return ParseDate(answer.Text) is { } date ? (date, null) : (null, $"'{Clip(answer.Text)}' is not a date");
            default:
                return (null, null);
        }
    }

    /// <summary>A fixed value or default written in the mapping file, checked against the field's kind.</summary>
    static (object? Value, string? Problem) FromJson(MappedFields.Field field, JsonElement value)
    {
        switch (field.Kind)
        {
            case MappedFields.Kind.Text or MappedFields.Kind.Code or MappedFields.Kind.Date when value.ValueKind == JsonValueKind.String:
                return (value.GetString(), null);
            case MappedFields.Kind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return (value.GetBoolean(), null);
            case MappedFields.Kind.Amount when ProviderJson.Number(value) is { } amount:
                return (amount, null);
            case MappedFields.Kind.Count when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count):
                return (count, null);
            default:
                return (null, "The mapping's value or default has the wrong type for this field.");
        }
    }

    static IEnumerable<string> Candidates(FormAnswer answer) =>
        answer.Choices.Count > 0 ? answer.Choices : answer.Text is null ? [] : [answer.Text];

    static JsonElement? Choose(IReadOnlyDictionary<string, JsonElement> choices, IEnumerable<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (choices.TryGetValue(candidate, out var exact))
            {
                return exact;
            }

            var wanted = Labels.Normalize(candidate);
            foreach (var (label, value) in choices)
            {
                if (Labels.Normalize(label) == wanted)
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>A code written as itself, or one of our own Arabic or French labels for it (regions, sectors, applicant types).</summary>
    static string? FromVocabulary(MappedFields.Field field, string candidate)
    {
        if (field.Vocabulary is null)
        {
            return null;
        }

        if (field.Vocabulary.ContainsKey(candidate.Trim()))
        {
            return candidate.Trim();
        }

        var wanted = Labels.Normalize(candidate);
        foreach (var (code, label) in field.Vocabulary)
        {
            if (Labels.Normalize(code) == wanted || Labels.Normalize(label.Ar) == wanted || Labels.Normalize(label.Fr) == wanted)
            {
                return code;
            }
        }

        return null;
    }

    static bool? YesNo(string? text) => Labels.Normalize(text) switch
    {
        "yes" or "oui" or "true" or "1" or "نعم" => true,
        "no" or "non" or "false" or "0" or "لا" => false,
        _ => null,
    };

    /// <summary>
    /// Amounts as people type them: "45000", "45 000", "45000.50", "45 000,50" (a comma followed by one or two
    /// digits is a decimal comma). Anything else, exponents included, is not an amount.
    /// </summary>
    static decimal? ParseNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        var compact = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '\u202F' && c != '\u00A0').ToArray());
        var comma = compact.LastIndexOf(',');
        if (comma >= 0 && compact.IndexOf('.', StringComparison.Ordinal) < 0 && compact.Length - comma - 1 is 1 or 2 && compact.IndexOf(',') == comma)
        {
            compact = compact[..comma] + "." + compact[(comma + 1)..];
        }

        return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>yyyy-MM-dd, alone or at the start of a date-time as Typeform and Kobo write them.</summary>
    static string? ParseDate(string? text)
    {
        if (text is null || text.Length < 10)
        {
            return null;
        }

        return DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    static void Set(GenericSubmission body, string target, object value)
    {
        var applicant = body.Applicant!;
        var project = body.Project!;
        switch (target)
        {
            case "language": body.Language = (string)value; break;
            case "applicant.type": applicant.Type = (string)value; break;
            case "applicant.name": applicant.Name = (string)value; break;
            case "applicant.registrationNumber": applicant.RegistrationNumber = (string)value; break;
            case "applicant.foundedOn": applicant.FoundedOn = (string)value; break;
            case "applicant.region": applicant.Region = (string)value; break;
            case "applicant.commune": applicant.Commune = (string)value; break;
            case "applicant.rural": applicant.Rural = (bool)value; break;
            case "applicant.email": applicant.Email = (string)value; break;
            case "applicant.phone": applicant.Phone = (string)value; break;
            case "applicant.representative.name": applicant.Representative!.Name = (string)value; break;
            case "applicant.representative.gender": applicant.Representative!.Gender = (string)value; break;
            case "applicant.representative.role": applicant.Representative!.Role = (string)value; break;
            case "applicant.bankAccount": applicant.BankAccount = (string)value; break;
            case "project.title": project.Title = (string)value; break;
            case "project.sector": project.Sector = (string)value; break;
            case "project.summary": project.Summary = (string)value; break;
            case "project.requestedAmount": project.RequestedAmount = (decimal)value; break;
            case "project.totalBudget": project.TotalBudget = (decimal)value; break;
            case "project.womenLed": project.WomenLed = (bool)value; break;
            case "project.youthLed": project.YouthLed = (bool)value; break;
            case "project.jobsCreated": project.JobsCreated = (int)value; break;
            case "project.jobsMaintained": project.JobsMaintained = (int)value; break;
        }
    }

    static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Answers quoted back to staff are cut short; a choice or an amount never needs more.</summary>
    static string Clip(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
