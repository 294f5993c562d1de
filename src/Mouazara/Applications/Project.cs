namespace Mouazara.Applications;

public sealed record Project(
    string Title,
    string Sector,
    string Summary,
    decimal RequestedAmount,
    decimal TotalBudget,
    bool WomenLed,
    bool YouthLed,
    int JobsCreated,
    int JobsMaintained);
