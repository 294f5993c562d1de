namespace Mouazara.Programme;

/// <summary>A text the product shows people, in Arabic and in French.</summary>
public sealed record Bilingual(string Ar, string Fr)
{
    public string In(Language language) => language == Language.Ar ? Ar : Fr;
}

public enum Language
{
    Ar,
    Fr,
}

public static class Languages
{
    public static bool TryParse(string? code, out Language language)
    {
        switch (code)
        {
            case "ar":
                language = Language.Ar;
                return true;
            case "fr":
                language = Language.Fr;
                return true;
            default:
                language = Language.Fr;
                return false;
        }
    }

    public static string Code(this Language language) => language == Language.Ar ? "ar" : "fr";

    public static string Direction(this Language language) => language == Language.Ar ? "rtl" : "ltr";
}
