using System.Collections.Frozen;
using System.Net.Http.Headers;

namespace Mouazara.Intake.Providers;

/// <summary>
/// Every provider served at <c>POST /api/intake/{provider}</c>. <c>generic</c> posts our own JSON and is read by
/// the existing validator; the others post their own payloads, read here and mapped by the edition's mapping file.
/// </summary>
public static class FormProviders
{
    public const string Generic = "generic";

    public static readonly FrozenDictionary<string, FormProvider> Mapped = new Dictionary<string, FormProvider>
    {
        [KoboDelivery.Provider] = new(KoboDelivery.Provider, KoboDelivery.Parse, "Token"),
        [TypeformDelivery.Provider] = new(TypeformDelivery.Provider, TypeformDelivery.Parse, "Bearer"),
        [TallyDelivery.Provider] = new(TallyDelivery.Provider, TallyDelivery.Parse, null),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string provider) => provider == Generic || Mapped.ContainsKey(provider);
}

/// <summary>A form provider whose deliveries are mapped by configuration: how to read them and how to download their files.</summary>
public sealed record FormProvider(string Name, Func<ReadOnlyMemory<byte>, FormParse> Parse, string? DownloadScheme)
{
    /// <summary>The Authorization header for this provider's file links, when it needs one and a key is configured.</summary>
    public AuthenticationHeaderValue? DownloadAuthorization(string? apiKey) =>
        DownloadScheme is null || string.IsNullOrWhiteSpace(apiKey) ? null : new AuthenticationHeaderValue(DownloadScheme, apiKey);
}
