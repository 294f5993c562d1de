namespace Mouazara.Applications;

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
    Representative Representative);

public sealed record Representative(string Name, string Gender, string Role);
