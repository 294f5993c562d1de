using System.Globalization;
using System.Text;

namespace Mouazara.Intake.Providers;

/// <summary>Comparing what people typed or chose: case, accents, Arabic vowel marks, spacing and dashes do not count.</summary>
public static class Labels
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format or UnicodeCategory.Control)
            {
                continue;
            }

            // Tatweel stretches Arabic words without changing them.
            if (c == '\u0640')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '-' or '_' or '\'' or '’' or '/' or '.' or ',' or '(' or ')' || category == UnicodeCategory.DashPunctuation)
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
