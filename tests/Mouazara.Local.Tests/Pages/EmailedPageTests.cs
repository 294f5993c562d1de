using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mouazara.Testing;
using Xunit.Abstractions;

namespace Mouazara.Local.Tests.Pages;

/// <summary>
/// The pages people open from their emails, in a real browser (Debian's Chromium, headless): committee members
/// review and score a project, applicants send a missing document. Each test checks what the person sees, then
/// what the system holds through the staff view.
/// </summary>
[Collection(ApplicantPages.Applicants)]
public sealed class EmailedPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    const string ArabicMember = "k.test@example.org";
    const string FrenchMember = "y.test@example.org";
    const string OtherArabicMember = "f.test@example.org";

    MouazaraClient Client => fixture.Client;

    [Fact]
    public async Task An_Arabic_speaking_member_scores_the_project_right_to_left_and_the_staff_view_holds_the_score_they_typed()
    {
        var id = await fixture.SubmitAsync(TestSubmissions.AllAssociationDocuments);
        var link = await fixture.ReviewLinkAsync(id, ArabicMember);
        await using var context = await fixture.NewContextAsync("ar-MA");
        var page = await context.NewPageAsync();

        var opened = await page.GotoAsync(link);
        Assert.Equal(200, opened!.Status);
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        Assert.Equal("تقييم مشروع", await page.Locator("h1").InnerTextAsync());
        Assert.StartsWith("Atelier de tissage sub-", await Row(page, "المشروع"), StringComparison.Ordinal);
        var amount = await Row(page, "المبلغ المطلوب");
        Assert.Equal("4500000", string.Concat(amount.Where(char.IsAsciiDigit)));
        Assert.EndsWith("درهم", amount, StringComparison.Ordinal);

        // 26 + 21 + 22 + 15 = 84, typed into the fields by their Arabic labels.
        await page.GetByLabel("ملاءمة المشروع لأهداف البرنامج").FillAsync("26");
        await page.GetByLabel("قابلية الإنجاز والميزانية").FillAsync("21");
        await page.GetByLabel("الأثر الاجتماعي والمجالي").FillAsync("22");
        await page.GetByLabel("الاستدامة").FillAsync("15");
        await page.GetByRole(AriaRole.Radio, new() { Name = "موافقة" }).CheckAsync();
        await page.GetByLabel("ملاحظات").FillAsync("مشروع واعد لفائدة الصانعات التقليديات.");
        var sent = await SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "تسجيل التقييم" }));

        Assert.Equal(201, sent.Status);
        Assert.Equal("POST", sent.Request.Method);
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("شكرا، تم تسجيل تقييمكم", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("84/100", await page.Locator(".notice").InnerTextAsync());

        // The staff view shows votes once the committee is counted: the two other members vote through the API.
        await Vote(id, FrenchMember, 80, "approve");
        await Vote(id, OtherArabicMember, 70, "approve");
        var view = await fixture.WaitForViewAsync(id, v => v["evaluation"] is JsonObject, "the committee's evaluation");
        var vote = view["evaluation"]!["votes"]!.AsArray().Single(v => v!["memberId"]!.GetValue<string>() == "m-ar")!;
        Assert.Equal(84, vote["score"]!.GetValue<int>());
        Assert.Equal("approve", vote["recommendation"]!.GetValue<string>());
        Assert.Contains(view["history"]!.AsArray(), h => h!["actor"]!.GetValue<string>() == "committee:m-ar");

        // Opening the emailed link again: the vote is there, the form is not.
        var again = await context.NewPageAsync();
        Assert.Equal(200, (await again.GotoAsync(link))!.Status);
        Assert.Equal("تم تسجيل تقييمكم: 84/100، موافقة", await again.Locator(".notice").InnerTextAsync());
        Assert.Equal(0, await again.Locator("form").CountAsync());
        Assert.Equal(0, await again.Locator("input").CountAsync());
    }

    [Fact]
    public async Task A_French_speaking_member_is_stopped_by_the_browser_on_an_out_of_range_score_and_then_records_a_valid_one()
    {
        var id = await fixture.SubmitAsync(TestSubmissions.AllAssociationDocuments);
        var link = await fixture.ReviewLinkAsync(id, FrenchMember);
        await using var context = await fixture.NewContextAsync("fr-MA");
        var page = await context.NewPageAsync();
        var posts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                lock (posts)
                {
                    posts.Add(request.Url);
                }
            }
        };

        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("ltr", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        Assert.Equal("Évaluation d'un projet", await page.Locator("h1").InnerTextAsync());
        var amount = await Row(page, "Montant demandé");
        Assert.Equal("4500000", string.Concat(amount.Where(char.IsAsciiDigit)));
        Assert.EndsWith("MAD", amount, StringComparison.Ordinal);

        // 99 for a criterion out of 30: the browser's own constraint validation keeps the form from being sent.
        var relevance = page.GetByLabel("Pertinence au regard du programme");
        await relevance.FillAsync("99");
        await page.GetByLabel("Faisabilité et budget").FillAsync("20");
        await page.GetByLabel("Impact social et territorial").FillAsync("20");
        await page.GetByLabel("Durabilité").FillAsync("15");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Favorable", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon évaluation" }).ClickAsync();
        await page.WaitForTimeoutAsync(500);

        lock (posts)
        {
            Assert.Empty(posts);
        }

        Assert.Equal(link, page.Url);
        Assert.True(await relevance.EvaluateAsync<bool>("e => e.validity.rangeOverflow"));
        Assert.False(await page.Locator("form").EvaluateAsync<bool>("f => f.checkValidity()"));
        var message = await relevance.EvaluateAsync<string>("e => e.validationMessage");
        Assert.False(string.IsNullOrWhiteSpace(message));
        output.WriteLine($"The browser's message for 99 out of 30: {message}");

        // Nothing was recorded: no vote in the history, and the emailed link still offers the form.
        var view = await Client.ApplicationAsync(id);
        Assert.DoesNotContain(view["history"]!.AsArray(), h => h!["actor"]!.GetValue<string>() == "committee:m-fr");
        Assert.Equal("in-evaluation", view["status"]!.GetValue<string>());
        var fresh = await context.NewPageAsync();
        await fresh.GotoAsync(link);
        Assert.Equal(1, await fresh.Locator("form").CountAsync());
        Assert.Equal(0, await fresh.Locator(".notice").CountAsync());
        await fresh.CloseAsync();

        // Corrected to 28: 28 + 20 + 20 + 15 = 83.
        await relevance.FillAsync("28");
        var sent = await SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon évaluation" }));
        Assert.Equal(201, sent.Status);
        Assert.Equal("Merci, votre évaluation est enregistrée", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("83/100", await page.Locator(".notice").InnerTextAsync());
        lock (posts)
        {
            Assert.Single(posts);
        }

        view = await fixture.WaitForViewAsync(id, v => v["history"]!.AsArray().Any(h => h!["actor"]!.GetValue<string>() == "committee:m-fr"), "m-fr's vote in the history");
        Assert.Equal("Vote recorded (approve).", view["history"]!.AsArray().Single(h => h!["actor"]!.GetValue<string>() == "committee:m-fr")!["reason"]!.GetValue<string>());
        Assert.Equal("Votre évaluation est enregistrée : 83/100, favorable", await (await Reopen(context, link)).Locator(".notice").InnerTextAsync());
    }

    [Fact]
    public async Task An_applicant_sends_the_missing_PDF_from_the_emailed_upload_link_and_the_staff_view_lists_it_with_its_sha256()
    {
        var id = await fixture.SubmitAsync(TestSubmissions.AllAssociationDocuments.Where(d => d != "budget"), language: "ar");
        var request = (await Client.WaitForMailsAsync(id, "documents-request")).Single();
        var link = Assert.Single(MouazaraClient.Links(request, "uploads"));
        Assert.EndsWith("/budget", link, StringComparison.Ordinal);
        var pdf = TestFiles.Pdf("Budget previsionnel 2026");
        await using var context = await fixture.NewContextAsync("ar-MA");
        var page = await context.NewPageAsync();

        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        Assert.Equal("الميزانية التقديرية", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("الملف").SetInputFilesAsync(new FilePayload { Name = "الميزانية.pdf", MimeType = "application/pdf", Buffer = pdf });
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "upload-ar.png"), FullPage = true });
        var sent = await SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "إرسال" }));

        Assert.Equal(201, sent.Status);
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("تم استلام الوثيقة", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("شكرا، تم استلام: الميزانية التقديرية", await page.Locator(".notice").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "upload-ar-received.png"), FullPage = true });

        var view = await fixture.WaitForViewAsync(id, v => v["documents"]!.AsArray().Any(d => d!["type"]!.GetValue<string>() == "budget"), "the budget");
        var document = view["documents"]!.AsArray().Single(d => d!["type"]!.GetValue<string>() == "budget")!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), document["sha256"]!.GetValue<string>());
        Assert.Equal(pdf.Length, document["size"]!.GetValue<long>());
        Assert.Equal("application/pdf", document["contentType"]!.GetValue<string>());
        output.WriteLine($"Stored file name: {document["fileName"]}");

        // The file is complete now: the application moves on to the committee.
        await Client.WaitForStatusAsync(id, "in-evaluation");
    }

    [Fact]
    public async Task The_Arabic_review_page_is_laid_out_right_to_left_on_a_desktop_and_a_phone_and_is_kept_as_a_screenshot()
    {
        var id = await fixture.SubmitAsync(TestSubmissions.AllAssociationDocuments);
        var link = await fixture.ReviewLinkAsync(id, OtherArabicMember);
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);

        foreach (var (name, width, height) in new[] { ("desktop", 1280, 900), ("phone", 390, 844) })
        {
            await using var context = await fixture.NewContextAsync("ar-MA", width, height);
            var page = await context.NewPageAsync();
            await page.GotoAsync(link);
            await page.GetByLabel("ملاءمة المشروع لأهداف البرنامج").FillAsync("24");
            await page.GetByRole(AriaRole.Radio, new() { Name = "موافقة" }).CheckAsync();
            var layout = await MeasureAsync(page);
            output.WriteLine($"{name}: {layout.GetRawText()}");

            var file = Path.Combine(BrowserFixture.ArtifactsDirectory, $"review-ar-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Assert.True(new FileInfo(file).Length > 10_000, "the screenshot is not blank");
            output.WriteLine($"Screenshot: {file}");

            // The heading and the button start at the right, the labels sit right of their values.
            Assert.InRange(layout.GetProperty("h1Gap").GetDouble(), -1, 2);
            Assert.InRange(layout.GetProperty("buttonGap").GetDouble(), -1, 2);
            Assert.True(layout.GetProperty("buttonLeftGap").GetDouble() > 50, "the button is not on the left");
            if (name == "desktop")
            {
                // Side by side on a wide screen: labels on the right, values to their left. On a phone they stack.
                Assert.True(layout.GetProperty("dtLeft").GetDouble() > layout.GetProperty("ddLeft").GetDouble(), "the label column is on the right");
                Assert.True(layout.GetProperty("overflow").GetDouble() <= 0, $"the page scrolls sideways by {layout.GetProperty("overflow")}px");
            }
        }
    }

    [Theory]
    [InlineData("ar-MA", OtherArabicMember)]
    [InlineData("fr-MA", FrenchMember)]
    public async Task On_a_phone_the_review_page_fits_the_screen_without_scrolling_sideways(string locale, string member)
    {
        var id = await fixture.SubmitAsync(TestSubmissions.AllAssociationDocuments);
        var link = await fixture.ReviewLinkAsync(id, member);
        await using var context = await fixture.NewContextAsync(locale, 390, 844);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);

        var layout = await MeasureAsync(page);
        output.WriteLine(layout.GetRawText());
        Assert.True(layout.GetProperty("overflow").GetDouble() <= 0, $"the page scrolls sideways by {layout.GetProperty("overflow")}px");
        Assert.True(layout.GetProperty("ddOutside").GetInt32() == 0, $"{layout.GetProperty("ddOutside")} values reach outside the screen");
    }

    /// <summary>Where the review page's parts are, in CSS pixels, measured from the page's content box.</summary>
    static Task<JsonElement> MeasureAsync(IPage page) => page.EvaluateAsync<JsonElement>("""
        () => {
          const box = e => e.getBoundingClientRect();
          const text = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect(); };
          const main = box(document.querySelector('main'));
          const style = getComputedStyle(document.querySelector('main'));
          const contentRight = main.right - parseFloat(style.paddingRight);
          const contentLeft = main.left + parseFloat(style.paddingLeft);
          const width = document.documentElement.clientWidth;
          return {
            h1Gap: contentRight - text(document.querySelector('h1')).right,
            dtLeft: box(document.querySelector('dt')).left,
            ddLeft: box(document.querySelector('dd')).left,
            ddOutside: [...document.querySelectorAll('dd')].filter(d => text(d).left < 0 || text(d).right > width).length,
            buttonGap: contentRight - box(document.querySelector('button')).right,
            buttonLeftGap: box(document.querySelector('button')).left - contentLeft,
            overflow: document.documentElement.scrollWidth - width,
          };
        }
        """);

    /// <summary>Clicks the form's button and waits until the answer to the POST is the page shown.</summary>
    internal static Task<IResponse> SubmitFormAsync(IPage page, ILocator button) => NavigateByAsync(page, button, "POST");

    /// <summary>Clicks a link or button and waits until the answer to its navigation request (GET or POST) is the page shown.</summary>
    internal static async Task<IResponse> NavigateByAsync(IPage page, ILocator control, string method)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                committed.TrySetResult();
            }
        }

        page.FrameNavigated += OnNavigated;
        try
        {
            var response = await page.RunAndWaitForResponseAsync(() => control.ClickAsync(), r => r.Request.Method == method && r.Request.IsNavigationRequest,
                new() { Timeout = 60_000 });
            await committed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // The answer's own heading, rather than the load state: on a loaded machine the load-state waiter was seen to
            // miss a DOMContentLoaded that had fired (it saw only networkidle) and hang.
            await page.Locator("h1").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            return response;
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }
    }

    static async Task<string> Row(IPage page, string label) =>
        (await page.Locator("dt", new() { HasTextRegex = new Regex("^" + Regex.Escape(label) + "$") }).Locator("xpath=following-sibling::dd[1]").First.InnerTextAsync()).Trim();

    static async Task<IPage> Reopen(IBrowserContext context, string link)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        return page;
    }

    async Task Vote(string applicationId, string memberEmail, int score, string recommendation)
    {
        using var response = await Client.VoteAsync(await fixture.ReviewLinkAsync(applicationId, memberEmail), score, recommendation);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }
}
