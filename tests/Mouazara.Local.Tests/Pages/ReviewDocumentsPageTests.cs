using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Pages;

/// <summary>
/// A committee member reads the application's documents from the review page, in a real browser: each link is a
/// download of the stored file under its own name, Arabic included.
/// </summary>
[Collection(ReviewerPages.Reviewers)]
public sealed class ReviewDocumentsPageTests(BrowserFixture fixture)
{
    const string FrenchMember = "y.test@example.org";
    const string ArabicMember = "k.test@example.org";
    const string ArabicFileName = "شهادة بنكية.pdf";

    [Fact]
    public async Task A_member_downloads_the_bank_certificate_from_the_review_page_byte_for_byte_under_its_Arabic_name()
    {
        var body = TestSubmissions.Build(fixture.Edition, "sub-" + Guid.NewGuid().ToString("N")[..10], TestSubmissions.AllAssociationDocuments);
        body["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == "bank-certificate")!["fileName"] = ArabicFileName;
        var id = await fixture.Client.SubmitAcceptedAsync(body);
        var link = await fixture.ReviewLinkAsync(id, FrenchMember);
        await using var context = await fixture.NewContextAsync("fr-MA");
        var page = await context.NewPageAsync();

        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        var documents = page.Locator("ul.documents li a");
        Assert.Equal(6, await documents.CountAsync());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Documents" }).IsVisibleAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Attestation bancaire" }).ClickAsync());
        Assert.Equal(ArabicFileName, download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        var saved = Path.Combine(Path.GetTempPath(), "mouazara-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await download.SaveAsAsync(saved);
            var view = await fixture.Client.ApplicationAsync(id);
            var stored = view["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == "bank-certificate")!;
            Assert.Equal(stored["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved))));
        }
        finally
        {
            File.Delete(saved);
        }

        // The Arabic-speaking member sees the same list in Arabic.
        await using var arabic = await fixture.NewContextAsync("ar-MA");
        var arabicPage = await arabic.NewPageAsync();
        Assert.Equal(200, (await arabicPage.GotoAsync(await fixture.ReviewLinkAsync(id, ArabicMember)))!.Status);
        Assert.True(await arabicPage.GetByRole(AriaRole.Heading, new() { Name = "الوثائق" }).IsVisibleAsync());
        Assert.Equal(6, await arabicPage.Locator("ul.documents li a").CountAsync());
        Assert.True(await arabicPage.GetByRole(AriaRole.Link, new() { Name = "شهادة بنكية", Exact = true }).IsVisibleAsync());
    }
}
