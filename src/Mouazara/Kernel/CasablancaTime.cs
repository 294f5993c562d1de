using System.Globalization;

namespace Mouazara.Kernel;

/// <summary>Deadlines are set and shown in Morocco's time zone, whatever the server's.</summary>
public static class CasablancaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The last second of the Casablanca calendar day on which <paramref name="instant"/> falls.</summary>
    public static DateTimeOffset EndOfDay(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var endLocal = local.Date.AddDays(1).AddSeconds(-1);
        var offset = Zone.GetUtcOffset(endLocal);
        return new DateTimeOffset(endLocal, offset).ToUniversalTime();
    }

    public static string Format(DateTimeOffset instant, Language language)
    {
        var culture = CultureInfo.GetCultureInfo(language == Language.Ar ? "ar-MA" : "fr-FR");
        return ToLocal(instant).ToString("dddd d MMMM yyyy HH:mm", culture);
    }
}
