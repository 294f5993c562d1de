namespace Mouazara.Http;

/// <summary>The body of a staff action that needs only a reason (suspend, resume, withdraw).</summary>
public sealed record ReasonRequest(string? Reason);
