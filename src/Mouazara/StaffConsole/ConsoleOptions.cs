namespace Mouazara.StaffConsole;

/// <summary>
/// Optional overrides of what the console's <c>config.json</c> tells the browser. By default the console signs in
/// with the API's own app registration (<c>Auth:Audience</c> as client id, the tenant of <c>Auth:Authority</c>).
/// </summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>The SPA's client id; defaults to <c>Auth:Audience</c> (the same registration as the API).</summary>
    public string? ClientId { get; set; }

    /// <summary>The scope the console asks a token for; defaults to <c>api://{client id}/Mouazara.Access</c>.</summary>
    public string? ApiScope { get; set; }
}
