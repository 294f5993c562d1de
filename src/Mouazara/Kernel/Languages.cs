namespace Mouazara.Kernel;

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
