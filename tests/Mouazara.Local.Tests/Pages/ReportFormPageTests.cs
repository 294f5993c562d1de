using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Mouazara.Testing;
using Xunit.Abstractions;

namespace Mouazara.Local.Tests.Pages;

/// <summary>
/// The progress report form an applicant opens from the report request email, in a real browser on a phone's screen:
/// Arabic right to left (figures typed with Arabic-Indic digits), French left to right. A refused value shows its
/// message and keeps what was typed; the corrected report is confirmed and the staff view holds the figures typed.
/// </summary>
[Collection(ApplicantPages.Applicants)]
public sealed class ReportFormPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    MouazaraClient Client => fixture.Client;

    [Fact]
    public async Task Applicants_fill_the_report_form_in_Arabic_and_in_French_see_a_refused_value_explained_and_their_report_confirmed()
    {
        // An edition of its own: selecting closes its call, which the other page tests' edition must not be.
        var edition = "report-pages-" + Guid.NewGuid().ToString("N")[..8];
        var config = TestEditions.Fast(edition, documentsDeadline: "PT600S", documentsReminder: "PT60S", committeeDeadline: "PT600S", committeeReminder: "PT60S",
            financeReminder: "PT600S");
        config["disbursement"]!["reports"] = new JsonObject { ["deadline"] = "PT20M", ["reminderBefore"] = "PT10M", ["endOfDay"] = false };
        await Client.PutEditionAsync(config);
        var arabic = await Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, "sub-" + Guid.NewGuid().ToString("N")[..10], TestSubmissions.AllAssociationDocuments, "ar"));
        var french = await Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, "sub-" + Guid.NewGuid().ToString("N")[..10], TestSubmissions.AllAssociationDocuments, "fr"));
        foreach (var id in new[] { arabic, french })
        {
            foreach (var task in await Client.WaitForMailsAsync(id, "review-task", 3))
            {
                using var vote = await Client.VoteAsync(MouazaraClient.Links(task, "reviews").Single(), 80, "approve");
                Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
            }
        }

        await Client.SelectAsync(edition, arabic, french);
        foreach (var id in new[] { arabic, french })
        {
            await Client.ReturnSignedAgreementAsync(id);
            var view = await fixture.WaitForViewAsync(id, v => v["award"]?["tranches"]?[0]?["status"]?.GetValue<string>() == "due", "tranche 1 due");
            using var release = await Client.ReleaseAsync(id, 1, view["award"]!["tranches"]![0]!["amount"]!.GetValue<decimal>(), "release-1-" + id);
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        await ArabicAsync(arabic, await Client.ReportLinkAsync(arabic, "report-request"));
        await FrenchAsync(french, await Client.ReportLinkAsync(french, "report-request"));
    }

    async Task ArabicAsync(string id, string link)
    {
        await using var context = await fixture.NewContextAsync("ar-MA", 390, 844);
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        Assert.Equal("تقرير مرحلي", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the form scrolls sideways on a phone");

        // Typed as an Arabic phone keyboard types them; more women than beneficiaries is refused.
        await page.GetByLabel("مناصب الشغل المحدثة").FillAsync("٣");
        await page.GetByLabel("مناصب الشغل المحافظ عليها").FillAsync("٥");
        await page.GetByLabel("عدد المستفيدين").FillAsync("40");
        await page.GetByLabel("منهم نساء").FillAsync("55");
        await page.GetByLabel("المبلغ المصروف").FillAsync("12500.50");
        await page.GetByLabel("ملخص سير المشروع").FillAsync("تم تجهيز الورشة وتكوين أربعين مستفيدا.");
        var pdf = TestFiles.Pdf("Rapport d'avancement");
        await page.GetByLabel("الملف").SetInputFilesAsync(new FilePayload { Name = "التقرير.pdf", MimeType = "application/pdf", Buffer = pdf });
        var refused = await SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "إرسال التقرير" }));

        Assert.Equal(422, refused.Status);
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("لا يمكن أن يتجاوز عدد النساء عدد المستفيدين.", await page.Locator(".field-error[data-field=beneficiariesWomen]").InnerTextAsync());
        Assert.Equal(1, await page.Locator(".field-error").CountAsync());
        Assert.Equal("40", await page.GetByLabel("عدد المستفيدين").InputValueAsync());
        Assert.Empty((await Client.ApplicationAsync(id))["reports"]![0]!["versions"]!.AsArray());
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "report-ar-refused.png"), FullPage = true });

        await page.GetByLabel("منهم نساء").FillAsync("25");
        await page.GetByLabel("الملف").SetInputFilesAsync(new FilePayload { Name = "التقرير.pdf", MimeType = "application/pdf", Buffer = pdf });
        var sent = await SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "إرسال التقرير" }));
        Assert.Equal(201, sent.Status);
        Assert.Equal("تم استلام التقرير", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("الصيغة رقم 1", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);

        var version = (await fixture.WaitForViewAsync(id, v => v["reports"]![0]!["versions"]!.AsArray().Count == 1, "the report's version"))["reports"]![0]!["versions"]![0]!;
        Assert.Equal(3, version["figures"]!["jobsCreated"]!.GetValue<int>());
        Assert.Equal(5, version["figures"]!["jobsMaintained"]!.GetValue<int>());
        Assert.Equal(25, version["figures"]!["beneficiariesWomen"]!.GetValue<int>());
        Assert.Equal(12500.50m, version["figures"]!["amountSpent"]!.GetValue<decimal>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), version["file"]!["sha256"]!.GetValue<string>());
        output.WriteLine($"Arabic report stored as {version["file"]!["fileName"]}");
    }

    async Task FrenchAsync(string id, string link)
    {
        await using var context = await fixture.NewContextAsync("fr-MA", 390, 844);
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("ltr", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        Assert.Equal("Rapport d'avancement", await page.Locator("h1").InnerTextAsync());

        await page.GetByLabel("Emplois créés").FillAsync("2");
        await page.GetByLabel("Emplois maintenus").FillAsync("6");
        await page.GetByLabel("Bénéficiaires").FillAsync("80");
        await page.GetByLabel("dont femmes").FillAsync("50");
        await page.GetByLabel("Montant dépensé").FillAsync("27 000,75");
        await page.GetByLabel("Fichier").SetInputFilesAsync(new FilePayload { Name = "rapport.png", MimeType = "image/png", Buffer = TestFiles.Png });
        var refused = await SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le rapport" }));

        // No narrative: the form comes back with its message, the other values kept.
        Assert.Equal(422, refused.Status);
        Assert.Equal("Le récit est obligatoire, en 2000 caractères au plus.", await page.Locator(".field-error[data-field=narrative]").InnerTextAsync());
        Assert.Equal("27 000,75", await page.GetByLabel("Montant dépensé").InputValueAsync());

        await page.GetByLabel("Récit de l'avancement").FillAsync("Équipement livré, deux emplois créés, 80 bénéficiaires dont 50 femmes.");
        await page.GetByLabel("Fichier").SetInputFilesAsync(new FilePayload { Name = "rapport.png", MimeType = "image/png", Buffer = TestFiles.Png });
        var sent = await SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le rapport" }));
        Assert.Equal(201, sent.Status);
        Assert.Equal("Rapport reçu", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("version 1", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "report-fr-received.png"), FullPage = true });

        var version = (await fixture.WaitForViewAsync(id, v => v["reports"]![0]!["versions"]!.AsArray().Count == 1, "the report's version"))["reports"]![0]!["versions"]![0]!;
        Assert.Equal(27000.75m, version["figures"]!["amountSpent"]!.GetValue<decimal>());
        Assert.Equal("image/png", version["file"]!["contentType"]!.GetValue<string>());
        Assert.StartsWith("Équipement livré", version["figures"]!["narrative"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    static Task<IResponse> SubmitFormAsync(IPage page, ILocator button) => EmailedPageTests.SubmitFormAsync(page, button);
}
