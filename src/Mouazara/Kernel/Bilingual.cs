namespace Mouazara.Kernel;

/// <summary>A text the product shows people, in Arabic and in French.</summary>
public sealed record Bilingual(string Ar, string Fr)
{
    public string In(Language language) => language == Language.Ar ? Ar : Fr;
}
