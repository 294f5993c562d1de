using Microsoft.Extensions.Options;

namespace Mouazara;

/// <summary>
/// Validates options with a message per problem, naming the setting at fault (never its value), so a host that
/// refuses to start says what to fix.
/// </summary>
public sealed class SettingsCheck<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
