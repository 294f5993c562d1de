namespace Mouazara.Applications;

/// <summary>The applicant as submitted. BankAccount is the RIB as 24 digits; null (older applications, or none given) means "see the bank certificate".</summary>
public sealed record Applicant(
    string Type,
    string Name,
    string RegistrationNumber,
    DateOnly? FoundedOn,
    string Region,
    string Commune,
    bool Rural,
    string Email,
    string Phone,
    Representative Representative,
    string? BankAccount = null);

public sealed record Representative(string Name, string Gender, string Role);
