namespace Mouazara.Selection;

/// <summary>Why an application was left out (or why a request cannot be solved): a stable code and English text staff can read out.</summary>
public sealed record SelectionReason(string Code, string Text);
