using System.Text;
using Mouazara.Documents;
using Mouazara.Testing;

namespace Mouazara.Tests.Documents;

/// <summary>Accepted file types recognised by their first bytes, not by what the sender declares.</summary>
public sealed class FileKindsTests
{
    [Fact]
    public void A_real_pdf_png_and_jpeg_are_recognised_by_their_first_bytes()
    {
        Assert.Equal(FileKinds.Pdf, FileKinds.Detect(TestFiles.Pdf()));
        Assert.Equal(FileKinds.Png, FileKinds.Detect(TestFiles.Png));
        Assert.Equal(FileKinds.Jpeg, FileKinds.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F']));
        Assert.Equal(FileKinds.Jpeg, FileKinds.Detect([0xFF, 0xD8, 0xFF, 0xE1]));
    }

    [Fact]
    public void The_sniffed_length_is_enough_to_tell_every_accepted_kind()
    {
        Assert.Equal(FileKinds.Pdf, FileKinds.Detect(TestFiles.Pdf().AsSpan(0, FileKinds.SniffLength)));
        Assert.Equal(FileKinds.Png, FileKinds.Detect(TestFiles.Png.AsSpan(0, FileKinds.SniffLength)));
    }

    [Fact]
    public void An_executable_renamed_to_pdf_is_not_recognised()
    {
        Assert.Null(FileKinds.Detect(TestFiles.Executable));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%PDF")]
    [InlineData("%pdf-1.4")]
    [InlineData(" %PDF-1.4")]
    [InlineData("GIF89a")]
    [InlineData("PK\u0003\u0004")]
    [InlineData("MZ\u0090\u0000")]
    [InlineData("<html>")]
    public void Other_or_truncated_headers_are_not_recognised(string head)
    {
        Assert.Null(FileKinds.Detect(Encoding.Latin1.GetBytes(head)));
    }

    [Fact]
    public void A_truncated_png_or_jpeg_signature_is_not_recognised()
    {
        Assert.Null(FileKinds.Detect(TestFiles.Png.AsSpan(0, 7)));
        Assert.Null(FileKinds.Detect([0xFF, 0xD8]));
        Assert.Null(FileKinds.Detect([0xFF, 0xD8, 0x00]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("application/pdf")]
    [InlineData("APPLICATION/PDF")]
    [InlineData("application/pdf; charset=binary")]
    [InlineData(" application/pdf ")]
    [InlineData("application/octet-stream")]
    public void A_declared_type_that_is_absent_generic_or_the_pdf_type_matches_a_pdf(string? declared)
    {
        Assert.True(FileKinds.DeclaredMatches(declared, FileKinds.Pdf));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/jpeg")]
    [InlineData("application/x-msdownload")]
    [InlineData("text/plain")]
    [InlineData("application/pdfx")]
    public void A_declared_type_of_another_kind_does_not_match_a_pdf(string declared)
    {
        Assert.False(FileKinds.DeclaredMatches(declared, FileKinds.Pdf));
    }

    [Fact]
    public void The_common_misspelling_image_jpg_matches_a_jpeg_only()
    {
        Assert.True(FileKinds.DeclaredMatches("image/jpg", FileKinds.Jpeg));
        Assert.True(FileKinds.DeclaredMatches("image/jpeg", FileKinds.Jpeg));
        Assert.False(FileKinds.DeclaredMatches("image/jpg", FileKinds.Png));
    }
}
