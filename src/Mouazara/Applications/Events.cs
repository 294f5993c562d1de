namespace Mouazara.Applications;

// One record per external event. Each carries an id so that a duplicate delivery is recognised.

/// <summary>An applicant uploaded a file through a signed link.</summary>
public sealed record DocumentUploaded(string EventId, string DocumentType);

/// <summary>Staff decided a case that the rules or the committee could not settle.</summary>
public sealed record StaffDecision(string EventId, bool Approve, string Reason, string Actor);

/// <summary>A committee member's vote was recorded.</summary>
public sealed record VoteCast(string EventId, string MemberId);

/// <summary>Finance released a tranche; the ledger already holds it.</summary>
public sealed record TrancheReleased(string EventId, int Tranche);
