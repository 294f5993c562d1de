using System.Collections.Frozen;

namespace Mouazara.Kernel;

/// <summary>Morocco's twelve regions by their ISO 3166-2:MA codes.</summary>
public static class Regions
{
    public static readonly FrozenDictionary<string, Bilingual> All = new Dictionary<string, Bilingual>
    {
        ["MA-01"] = new("طنجة تطوان الحسيمة", "Tanger-Tétouan-Al Hoceïma"),
        ["MA-02"] = new("الشرق", "L'Oriental"),
        ["MA-03"] = new("فاس مكناس", "Fès-Meknès"),
        ["MA-04"] = new("الرباط سلا القنيطرة", "Rabat-Salé-Kénitra"),
        ["MA-05"] = new("بني ملال خنيفرة", "Béni Mellal-Khénifra"),
        ["MA-06"] = new("الدار البيضاء سطات", "Casablanca-Settat"),
        ["MA-07"] = new("مراكش آسفي", "Marrakech-Safi"),
        ["MA-08"] = new("درعة تافيلالت", "Drâa-Tafilalet"),
        ["MA-09"] = new("سوس ماسة", "Souss-Massa"),
        ["MA-10"] = new("كلميم واد نون", "Guelmim-Oued Noun"),
        ["MA-11"] = new("العيون الساقية الحمراء", "Laâyoune-Sakia El Hamra"),
        ["MA-12"] = new("الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab"),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
