using System.Text;
using Mouazara.Documents;

namespace Mouazara.Tests.Documents;

/// <summary>Applicants' file names kept visible but stripped of anything that could disguise them.</summary>
public sealed class FileNamesTests
{
    static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    [Theory]
    [InlineData("statuts.pdf", "statuts.pdf")]
    [InlineData("النظام الأساسي.pdf", "النظام الأساسي.pdf")]
    [InlineData("Reçu définitif (2024).pdf", "Reçu définitif (2024).pdf")]
    [InlineData("  budget.pdf  ", "budget.pdf")]
    public void An_ordinary_name_in_any_script_is_kept(string name, string expected)
    {
        Assert.Equal(expected, FileNames.Sanitize(name, ".pdf"));
    }

    [Theory]
    [InlineData("C:\\Users\\amina\\Documents\\statuts.pdf", "statuts.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("/var/tmp/budget.png", "budget.png")]
    [InlineData("a/b\\c/..\\minutes.pdf", "minutes.pdf")]
    public void Any_directory_part_is_dropped(string name, string expected)
    {
        Assert.Equal(expected, FileNames.Sanitize(name, ".pdf"));
    }

    [Fact]
    public void Control_characters_are_removed()
    {
        Assert.Equal("statuts.pdf", FileNames.Sanitize("sta\u0000tu\tts\r\n.pdf\u007F", ".pdf"));
    }

    [Theory]
    [InlineData("facture\u202Efdp.exe", "facturefdp.exe")]
    [InlineData("\u202Bstatuts\u202C.pdf", "statuts.pdf")]
    [InlineData("budget\u2066\u2067\u2068\u2069.pdf", "budget.pdf")]
    [InlineData("bud\u200Fget\u200E.pdf", "budget.pdf")]
    [InlineData("bud\u200Bget\uFEFF.pdf", "budget.pdf")]
    [InlineData("bud\u2028get\u2029.pdf", "budget.pdf")]
    [InlineData("bud\uE000get.pdf", "budget.pdf")]
    public void Bidirectional_overrides_and_other_invisible_characters_are_removed(string name, string expected)
    {
        var clean = FileNames.Sanitize(name, ".pdf");

        Assert.Equal(expected, clean);
        Assert.DoesNotContain('\u202E', clean);
    }

    [Fact]
    public void A_lone_surrogate_does_not_survive_but_a_real_emoji_is_kept()
    {
        // Enumerating runes turns a lone surrogate into U+FFFD, which is visible and harmless.
        var clean = FileNames.Sanitize("bud\uD83Dget.pdf", ".pdf");
        Assert.True(IsWellFormedUtf16(clean));
        Assert.Matches("^bud\uFFFD?get\\.pdf$", clean);
        Assert.Equal("budget 😀.pdf", FileNames.Sanitize("budget 😀.pdf", ".pdf"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    [InlineData("folder/")]
    [InlineData("\u202E\u0000")]
    public void A_name_with_nothing_visible_left_becomes_document_with_the_fallback_extension(string? name)
    {
        Assert.Equal("document.png", FileNames.Sanitize(name, ".png"));
    }

    [Fact]
    public void Leading_and_trailing_dots_are_trimmed()
    {
        Assert.Equal("htaccess", FileNames.Sanitize(".htaccess", ".pdf"));
        Assert.Equal("statuts.pdf", FileNames.Sanitize("statuts.pdf.", ".pdf"));
    }

    [Fact]
    public void A_long_name_is_cut_to_the_maximum_length_keeping_its_extension()
    {
        var clean = FileNames.Sanitize(new string('a', 300) + ".pdf", ".pdf");

        Assert.Equal(FileNames.MaxLength, clean.Length);
        Assert.Equal(new string('a', FileNames.MaxLength - 4) + ".pdf", clean);
    }

    [Fact]
    public void A_long_name_with_an_absurd_extension_is_still_cut_to_the_maximum_length()
    {
        var clean = FileNames.Sanitize(new string('a', 200) + "." + new string('x', 50), ".pdf");

        Assert.True(clean.Length <= FileNames.MaxLength, $"{clean.Length} characters");
    }

    [Fact]
    public void A_name_of_exactly_the_maximum_length_is_kept_whole()
    {
        var name = new string('b', FileNames.MaxLength - 4) + ".pdf";

        Assert.Equal(name, FileNames.Sanitize(name, ".pdf"));
    }

    [Fact]
    public void Cutting_a_long_name_never_splits_a_character_in_two()
    {
        var clean = FileNames.Sanitize(new string('a', 115) + "😀😀😀.pdf", ".pdf");

        Assert.True(clean.Length <= FileNames.MaxLength);
        Assert.True(IsWellFormedUtf16(clean), string.Join(" ", clean.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.EndsWith(".pdf", clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Cutting_a_long_Arabic_name_keeps_whole_letters()
    {
        var clean = FileNames.Sanitize(string.Concat(Enumerable.Repeat("تقرير ", 40)) + ".pdf", ".pdf");

        Assert.True(clean.Length <= FileNames.MaxLength);
        Assert.True(IsWellFormedUtf16(clean));
        Assert.EndsWith(".pdf", clean, StringComparison.Ordinal);
        Assert.NotNull(Encoding.UTF8.GetBytes(clean));
    }
}
