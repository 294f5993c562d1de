namespace Mouazara.Applications;

/// <summary>
/// The eligibility result as the read model stores it (<see cref="ApplicationEntity.EligibilityJson"/>), read by stages
/// that show it but may not import the eligibility stage: the outcome and each rule's verdict (pass, fail, unclear)
/// with its message in Arabic and French.
/// </summary>
public sealed record RecordedEligibility(string Outcome, bool? Eligible, IReadOnlyList<RecordedRule> Rules);

public sealed record RecordedRule(string Rule, string Verdict, string MessageAr, string MessageFr);
