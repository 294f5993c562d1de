using System.Text.Json.Serialization;

namespace Mouazara.Intake;

// The generic webhook's body as DESIGN.md specifies it. Every field is optional here so that the
// validator, not the deserializer, names what is missing. applicant.bankAccount (the RIB) is optional even there.

public sealed class GenericSubmission
{
    public string? SubmissionId { get; set; }

    public string? Edition { get; set; }

    public string? Language { get; set; }

    public GenericApplicant? Applicant { get; set; }

    public GenericProject? Project { get; set; }

    public List<GenericDocument?>? Documents { get; set; }
}

public sealed class GenericApplicant
{
    public string? Type { get; set; }

    public string? Name { get; set; }

    public string? RegistrationNumber { get; set; }

    public string? FoundedOn { get; set; }

    public string? Region { get; set; }

    public string? Commune { get; set; }

    public bool? Rural { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public GenericRepresentative? Representative { get; set; }

    public string? BankAccount { get; set; }
}

public sealed class GenericRepresentative
{
    public string? Name { get; set; }

    public string? Gender { get; set; }

    public string? Role { get; set; }
}

public sealed class GenericProject
{
    public string? Title { get; set; }

    public string? Sector { get; set; }

    public string? Summary { get; set; }

    public decimal? RequestedAmount { get; set; }

    public decimal? TotalBudget { get; set; }

    public bool? WomenLed { get; set; }

    public bool? YouthLed { get; set; }

    public int? JobsCreated { get; set; }

    public int? JobsMaintained { get; set; }
}

public sealed class GenericDocument
{
    public string? Type { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public string? ContentBase64 { get; set; }

    public string? Url { get; set; }

    [JsonExtensionData]
    public Dictionary<string, object>? Extra { get; set; }
}
