using System.Collections.Frozen;

namespace Mouazara.Kernel;

public static class Sectors
{
    public static readonly FrozenDictionary<string, Bilingual> All = new Dictionary<string, Bilingual>
    {
        ["handicrafts"] = new("الصناعة التقليدية", "Artisanat"),
        ["solidarity-tourism"] = new("السياحة التضامنية", "Tourisme solidaire"),
        ["agriculture"] = new("الفلاحة", "Agriculture"),
        ["agri-food"] = new("الصناعات الغذائية", "Agroalimentaire"),
        ["cultural-entrepreneurship"] = new("المقاولة الثقافية", "Entrepreneuriat culturel"),
        ["health"] = new("الصحة", "Santé"),
        ["education"] = new("التعليم", "Éducation"),
        ["renewable-energy"] = new("الطاقات المتجددة", "Énergies renouvelables"),
        ["services"] = new("الخدمات", "Services"),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
