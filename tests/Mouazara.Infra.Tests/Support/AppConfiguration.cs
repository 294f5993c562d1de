using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mouazara.Infra.Tests.Support;

/// <summary>One setting the app binds: its app-setting name (<c>__</c> separated) and the property it lands in.</summary>
public sealed record BoundSetting(string Name, Type Options, PropertyInfo Property, string? DictionaryKey)
{
    public string ConfigurationKey => Name.Replace("__", ":", StringComparison.Ordinal);
}

/// <summary>
/// The configuration the app reads, derived from the code rather than written down: every options class
/// <c>AddMouazara</c> binds from configuration (its <c>Section</c> constant and public settable properties), and
/// the <c>%Name%</c> placeholders of the Functions app's host.json.
/// </summary>
public static partial class AppConfiguration
{
    /// <summary>
    /// The form providers with a secret under Intake:Secrets. The dictionary's keys are data, not code, so they are
    /// listed here: generic today; KoboToolbox, Typeform and Tally with the form-provider intake (issue 3).
    /// </summary>
    public static readonly IReadOnlyList<string> IntakeProviders = ["generic", "kobo", "typeform", "tally"];

    /// <summary>
    /// The keys of each dictionary setting, by property name. Secrets and FileHosts: every provider. ApiKeys: only
    /// the providers whose file links need a credential (KoboToolbox, Typeform); Tally's links are signed and the
    /// generic sender's files come inline or from its own hosts.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> DictionaryKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["Intake__Secrets"] = IntakeProviders,
        ["Intake__ApiKeys"] = ["kobo", "typeform"],
        ["Intake__FileHosts"] = IntakeProviders,
    };

    /// <summary>
    /// Settings the app binds that must never be set in production, and why. Kept here, next to the check that
    /// uses them, rather than as markers in the library.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LocalOnly = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Storage__ConnectionString"] = "a connection string holds an account key; on Azure storage is reached with the managed identity (Storage__BlobServiceUri, Storage__TableServiceUri, Storage__ClientId) and the account refuses keys",
        ["Storage__TablePrefix"] = "lets tests share one account; the template creates the product's tables unprefixed",
        ["Auth__DevSigningKey"] = "signs the local host's development tokens; in production Microsoft Entra ID signs them",
        ["Auth__AllowDevelopmentTokens"] = "says a run is local development, where tokens signed with the repository's development key are accepted; on Azure the app refuses to start with it",
        ["Email__SendGridHost"] = "points the SendGrid client at the local host's mail sink; in production it talks to SendGrid itself",
        ["Intake__AllowLoopbackFetchForTests"] = "lets file downloads reach a loopback test server with a self-signed certificate; in production only public https hosts of the provider's FileHosts are fetched",
    };

    /// <summary>The local host's own settings (src/Mouazara.Local, LocalOptions): never on Azure.</summary>
    public const string LocalHostPrefix = "Local__";

    /// <summary>Everything <c>AddMouazara</c> binds from configuration, local-only settings included.</summary>
    public static IReadOnlyList<BoundSetting> BoundByTheApp() =>
        [.. OptionsTypes().SelectMany(SettingsOf).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>The options classes <c>AddMouazara</c> binds from configuration.</summary>
    public static IReadOnlyList<Type> OptionsTypes()
    {
        var services = new ServiceCollection();
        services.AddMouazara(new ConfigurationBuilder().Build());
        return
        [
            .. services
                .Where(d => d.ImplementationInstance?.GetType() is { IsGenericType: true } t
                    && t.GetGenericTypeDefinition() == typeof(NamedConfigureFromConfigurationOptions<>))
                .Select(d => d.ServiceType.GetGenericArguments()[0])
                .Distinct(),
        ];
    }

    public static string SectionOf(Type options) =>
        options.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"{options.Name} is bound from configuration but has no public const string Section naming its section.");

    static IEnumerable<BoundSetting> SettingsOf(Type options)
    {
        var section = SectionOf(options);
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var name = section + "__" + property.Name;
            if (property.PropertyType == typeof(Dictionary<string, string>))
            {
                if (!DictionaryKeys.TryGetValue(name, out var keys))
                {
                    throw new NotSupportedException(
                        $"{options.Name}.{property.Name} is a dictionary; list its keys in {nameof(AppConfiguration)}.{nameof(DictionaryKeys)}.");
                }

                foreach (var key in keys)
                {
                    yield return new BoundSetting(name + "__" + key, options, property, key);
                }
            }
            else if (IsScalar(property.PropertyType))
            {
                yield return new BoundSetting(name, options, property, null);
            }
            else
            {
                throw new NotSupportedException(
                    $"{options.Name}.{property.Name} is a {property.PropertyType.Name}; teach {nameof(AppConfiguration)} which settings it expands to.");
            }
        }
    }

    static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(Uri) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(TimeSpan) || t.IsEnum;
    }

    /// <summary>Secrets by their names: keys, passwords and secrets. In production they come from Key Vault.</summary>
    public static bool IsSecret(string settingName) => SecretName().IsMatch(settingName);

    [GeneratedRegex("(Key|Secret|Password)s?(__|$)")]
    private static partial Regex SecretName();

    /// <summary>
    /// The <c>%Name%</c> settings the Functions host resolves in src/Mouazara.Functions/host.json, as app-setting
    /// names (<c>%Durable:TaskHub%</c> is read from the app setting <c>Durable__TaskHub</c>).
    /// </summary>
    public static IReadOnlyList<string> HostJsonSettings()
    {
        var path = Repo.PathOf("src", "Mouazara.Functions", "host.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Functions app's host.json is missing ({path}); its %Setting% placeholders are settings the template must set.");
        }

        return
        [
            .. Placeholder().Matches(File.ReadAllText(path))
                .Select(m => m.Groups["name"].Value.Replace(":", "__", StringComparison.Ordinal))
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_:]+)%")]
    private static partial Regex Placeholder();

    /// <summary>
    /// Binds a distinct value to every derived setting through <c>AddMouazara</c> and reads each back from its
    /// options class: the names derived here are the names the app really binds. Returns what did not round-trip.
    /// </summary>
    public static IReadOnlyList<string> SettingsThatDoNotBind()
    {
        var settings = BoundByTheApp();
        var values = settings.Select((s, i) => (Setting: s, Value: SampleFor(s, i))).ToList();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Setting.ConfigurationKey, v.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddMouazara(configuration);
        using var provider = services.BuildServiceProvider();

        var failures = new List<string>();
        foreach (var (setting, value) in values)
        {
            var accessor = typeof(IOptions<>).MakeGenericType(setting.Options);
            var options = accessor.GetProperty(nameof(IOptions<object>.Value))!.GetValue(provider.GetRequiredService(accessor));
            var bound = setting.Property.GetValue(options);
            if (setting.DictionaryKey is { } key)
            {
                bound = bound is Dictionary<string, string> map && map.TryGetValue(key, out var entry) ? entry : null;
            }

            var text = bound switch
            {
                null => null,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => bound.ToString(),
            };
            if (text != value)
            {
                failures.Add($"{setting.Name}: set '{value}', {setting.Options.Name}.{setting.Property.Name} holds '{text}'");
            }
        }

        return failures;
    }

    static string SampleFor(BoundSetting setting, int index)
    {
        var token = "v" + string.Concat(index.ToString(CultureInfo.InvariantCulture).Select(c => (char)('a' + (c - '0'))));
        var type = Nullable.GetUnderlyingType(setting.Property.PropertyType) ?? setting.Property.PropertyType;
        return type switch
        {
            _ when setting.Property.GetCustomAttribute<EmailAddressAttribute>() is not null => token + "@example.org",
            // A bounded number gets a distinct value inside its range, so that validation lets the binding be compared.
            _ when setting.Property.GetCustomAttribute<RangeAttribute>() is { Minimum: int min, Maximum: int max } && (type == typeof(int) || type == typeof(long))
                => (min + (index % (max - min + 1))).ToString(CultureInfo.InvariantCulture),
            _ when type == typeof(Uri) => $"https://example.org/{token}/",
            _ when type == typeof(long) || type == typeof(int) => (1000 + index).ToString(CultureInfo.InvariantCulture),
            _ when type == typeof(double) => (1000 + index + 0.5).ToString(CultureInfo.InvariantCulture),
            _ when type == typeof(bool) => "True",
            // Within the narrowest range a TimeSpan option declares (1 s to 5 min), still one value per setting.
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds((index % 250) + 1).ToString(),
            _ when type.IsEnum => Enum.GetNames(type)[^1],
            _ when setting.Name == "Intake__Secrets__kobo" => token + ":" + token, // Basic credentials: user:password
            _ => token,
        };
    }
}
