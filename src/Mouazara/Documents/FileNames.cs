using System.Globalization;
using System.Text;

namespace Mouazara.Documents;

/// <summary>
/// File names come from applicants and are shown to staff: keep the visible name, drop any path, control
/// or bidirectional-override character that could disguise it.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 120;

    public static string Sanitize(string? name, string fallbackExtension)
    {
        var leaf = (name ?? "").Replace('\\', '/');
        leaf = leaf[(leaf.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(leaf.Length);
        foreach (var rune in leaf.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (rune == Rune.ReplacementChar || category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            builder.Append(rune.ToString());
        }

        var clean = builder.ToString().Trim().Trim('.');
        if (clean.Length == 0)
        {
            clean = "document" + fallbackExtension;
        }

        if (clean.Length > MaxLength)
        {
            var ext = Path.GetExtension(clean);
            ext = ext.Length <= 10 ? ext : "";
            clean = CutAtRune(clean, MaxLength - ext.Length) + ext;
        }

        return clean;
    }

    /// <summary>At most <paramref name="length"/> UTF-16 units, never splitting a character in two.</summary>
    static string CutAtRune(string text, int length)
    {
        var builder = new StringBuilder(length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length + rune.Utf16SequenceLength > length)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
