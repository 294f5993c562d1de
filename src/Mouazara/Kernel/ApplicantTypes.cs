using System.Collections.Frozen;

namespace Mouazara.Kernel;

/// <summary>Who may apply.</summary>
public static class ApplicantTypes
{
    public const string Association = "association";
    public const string Network = "network";
    public const string Cooperative = "cooperative";

    public static readonly FrozenDictionary<string, Bilingual> All = new Dictionary<string, Bilingual>
    {
        [Association] = new("جمعية", "Association"),
        [Network] = new("شبكة جمعيات", "Réseau d'associations"),
        [Cooperative] = new("تعاونية", "Coopérative"),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
