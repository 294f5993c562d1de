using System.Globalization;
using System.Net.Mail;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Kernel;

namespace Mouazara.Intake;

/// <summary>
/// Checks a delivery's values and turns it into a <see cref="Submission"/>. Every problem is reported against
/// the field's path, in one answer, so that a sender can fix everything at once.
/// </summary>
public static class SubmissionValidator
{
    public const int MaxDocuments = 12;

    public static (Submission? Submission, Dictionary<string, string[]> Errors) Validate(GenericSubmission body)
    {
        var errors = new Errors();
        var submissionId = Text(errors, "submissionId", body.SubmissionId, 128);
        var edition = Text(errors, "edition", body.Edition, 40);
        if (edition is not null && !Editions.EditionRules.IsId(edition))
        {
            errors.Add("edition", "No such edition.");
            edition = null;
        }
        if (body.Language is not ("ar" or "fr"))
        {
            errors.Add("language", "Use ar or fr.");
        }

        var applicant = body.Applicant;
        Applicant? validApplicant = null;
        if (applicant is null)
        {
            errors.Add("applicant", "Required.");
        }
        else
        {
            if (applicant.Type is null || !ApplicantTypes.All.ContainsKey(applicant.Type))
            {
                errors.Add("applicant.type", "Use association, network or cooperative.");
            }

            if (applicant.Region is null || !Regions.All.ContainsKey(applicant.Region))
            {
                errors.Add("applicant.region", "Use an ISO 3166-2:MA region code, MA-01 to MA-12.");
            }

            DateOnly? founded = null;
            if (applicant.FoundedOn is not null)
            {
                if (DateOnly.TryParseExact(applicant.FoundedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    founded = date;
                }
                else
                {
                    errors.Add("applicant.foundedOn", "Use a date as yyyy-MM-dd.");
                }
            }

            var email = Text(errors, "applicant.email", applicant.Email, 254);
            if (email is not null && !IsEmail(email))
            {
                errors.Add("applicant.email", "Not an email address.");
            }

            string? bankAccount = null;
            if (!string.IsNullOrWhiteSpace(applicant.BankAccount))
            {
                if (applicant.BankAccount.Length > 64)
                {
                    errors.Add("applicant.bankAccount", Rib.FormatError);
                }
                else if (!Rib.TryNormalize(applicant.BankAccount, out var rib, out var ribError))
                {
                    errors.Add("applicant.bankAccount", ribError!);
                }
                else
                {
                    bankAccount = rib;
                }
            }

            var representative = applicant.Representative;
            if (representative is null)
            {
                errors.Add("applicant.representative", "Required.");
            }

            validApplicant = new Applicant(
                applicant.Type ?? "",
                Text(errors, "applicant.name", applicant.Name, 200) ?? "",
                Text(errors, "applicant.registrationNumber", applicant.RegistrationNumber, 64) ?? "",
                founded,
                applicant.Region ?? "",
                Text(errors, "applicant.commune", applicant.Commune, 120) ?? "",
                Required(errors, "applicant.rural", applicant.Rural),
                email ?? "",
                Text(errors, "applicant.phone", applicant.Phone, 32) ?? "",
                new Representative(
                    Text(errors, "applicant.representative.name", representative?.Name, 200, representative is not null) ?? "",
                    Text(errors, "applicant.representative.gender", representative?.Gender, 20, representative is not null) ?? "",
                    Text(errors, "applicant.representative.role", representative?.Role, 120, representative is not null) ?? ""),
                bankAccount);
        }

        var project = body.Project;
        Project? validProject = null;
        if (project is null)
        {
            errors.Add("project", "Required.");
        }
        else
        {
            if (project.Sector is null || !Sectors.All.ContainsKey(project.Sector))
            {
                errors.Add("project.sector", "Use one of: " + string.Join(", ", Sectors.All.Keys.Order(StringComparer.Ordinal)) + ".");
            }

            var requested = Amount(errors, "project.requestedAmount", project.RequestedAmount);
            var total = Amount(errors, "project.totalBudget", project.TotalBudget);
            validProject = new Project(
                Text(errors, "project.title", project.Title, 200) ?? "",
                project.Sector ?? "",
                Text(errors, "project.summary", project.Summary, 4000) ?? "",
                requested,
                total,
                Required(errors, "project.womenLed", project.WomenLed),
                Required(errors, "project.youthLed", project.YouthLed),
                Count(errors, "project.jobsCreated", project.JobsCreated),
                Count(errors, "project.jobsMaintained", project.JobsMaintained));
        }

        var documents = new List<SubmittedDocument>();
        var list = body.Documents ?? [];
        if (list.Count > MaxDocuments)
        {
            errors.Add("documents", $"At most {MaxDocuments} documents.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count && i < MaxDocuments; i++)
        {
            var path = $"documents[{i}]";
            var document = list[i];
            if (document is null)
            {
                errors.Add(path, "Required.");
                continue;
            }

            if (document.Type is null || !DocumentTypes.All.ContainsKey(document.Type))
            {
                errors.Add(path + ".type", "Unknown document type.");
            }
            else if (!seen.Add(document.Type))
            {
                errors.Add(path + ".type", "This document type is already in the submission.");
            }

            int? inline = null;
            Uri? url = null;
            if (document.ContentBase64 is not null)
            {
                if (!document.ContentBase64.StartsWith(InlineDocuments.Placeholder, StringComparison.Ordinal)
                    || !int.TryParse(document.ContentBase64.AsSpan(InlineDocuments.Placeholder.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    errors.Add(path + ".contentBase64", "Send the file as one plain base64 JSON string.");
                }
                else
                {
                    inline = index;
                }
            }
            else if (document.Url is not null)
            {
                if (!Uri.TryCreate(document.Url, UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttps)
                {
                    errors.Add(path + ".url", "Use an absolute https URL.");
                }
            }
            else
            {
                errors.Add(path, "Give contentBase64 or url.");
            }

            documents.Add(new SubmittedDocument(document.Type ?? "", FileNames.Sanitize(document.FileName, ".pdf"), document.ContentType, inline, url));
        }

        if (errors.Count > 0 || validApplicant is null || validProject is null)
        {
            return (null, errors.ToDictionary());
        }

        return (new Submission(submissionId!, edition!, body.Language!, validApplicant, validProject, documents), errors.ToDictionary());
    }

    static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    static string? Text(Errors errors, string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }

            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > max)
        {
            errors.Add(field, $"At most {max} characters.");
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(field, "Control characters are not allowed.");
            return null;
        }

        return trimmed;
    }

    static bool Required(Errors errors, string field, bool? value)
    {
        if (value is null)
        {
            errors.Add(field, "Required: true or false.");
        }

        return value ?? false;
    }

    static decimal Amount(Errors errors, string field, decimal? value)
    {
        if (value is null)
        {
            errors.Add(field, "Required, in MAD.");
            return 0;
        }

        if (value <= 0 || value > 1_000_000_000m || !Money.TryToCentimes(value.Value, out _))
        {
            errors.Add(field, "A positive amount in MAD with at most two decimals.");
            return 0;
        }

        return value.Value;
    }

    static int Count(Errors errors, string field, int? value)
    {
        if (value is null)
        {
            errors.Add(field, "Required.");
            return 0;
        }

        if (value is < 0 or > 100_000)
        {
            errors.Add(field, "A number of jobs, 0 or more.");
            return 0;
        }

        return value.Value;
    }

    sealed class Errors
    {
        readonly Dictionary<string, List<string>> items = new(StringComparer.Ordinal);

        public int Count => items.Count;

        public void Add(string field, string message)
        {
            if (!items.TryGetValue(field, out var list))
            {
                items[field] = list = [];
            }

            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => items.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
