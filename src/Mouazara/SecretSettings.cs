namespace Mouazara;

/// <summary>
/// What a secret setting may hold. A space separates the new and the previous secret during a rotation, so a
/// secret holding whitespace would silently become several weaker ones: refused at start, naming the setting.
/// </summary>
public static class SecretSettings
{
    const string Advice = "a secret must not contain spaces, which separate the new and the previous secret during a rotation; " +
        "generate one without (openssl rand -hex 32).";

    /// <summary>A secret that is never rotated through its own value: no whitespace at all.</summary>
    public static IEnumerable<string> Single(string setting, string? value)
    {
        if (value is not null && value.Any(char.IsWhiteSpace))
        {
            yield return $"{setting} contains whitespace: {Advice}";
        }
    }

    /// <summary>
    /// A webhook secret: one value, or the new and the previous one separated by a single space. With
    /// <paramref name="credentials"/> each value is Kobo's <c>user:password</c>.
    /// </summary>
    public static IEnumerable<string> Rotating(string setting, string? value, bool credentials)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield break;
        }

        var parts = value.Split(' ');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
        {
            yield return $"{setting} must hold one secret, or the new and the previous one separated by a single space: {Advice}";
        }
        else if (credentials && parts.Any(p => !p.Contains(':', StringComparison.Ordinal)))
        {
            yield return $"{setting} must hold user:password, or the new and the previous ones separated by a single space: {Advice}";
        }
    }
}
