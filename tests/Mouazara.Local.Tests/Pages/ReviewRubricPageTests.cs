using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Pages;

/// <summary>
/// What a committee member reads before scoring, in a real browser: the eligibility verdicts and, under each score
/// field, the criterion's guidance; a criterion scored under half its maximum is not recorded without its comment.
/// </summary>
[Collection(ReviewerPages.Reviewers)]
public sealed class ReviewRubricPageTests(BrowserFixture fixture)
{
    const string FrenchMember = "y.test@example.org";
    const string ArabicMember = "k.test@example.org";

    static readonly JsonNode Demo = JsonNode.Parse(File.ReadAllText(Path.Combine(Mouazara.Local.Configuration.LocalSettings.FindRepoRoot(), "editions", "demo.json")))!;

    static string Guidance(string criterion, string language) =>
        Demo["committee"]!["criteria"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == criterion)!["guidance"]![language]!.GetValue<string>();

    [Fact]
    public async Task In_French_and_in_Arabic_on_a_phone_the_member_reads_the_verdicts_and_guidance_and_a_low_score_needs_its_comment()
    {
        var id = await fixture.SubmitAsync(TestSubmissions.AllAssociationDocuments);
        var frenchLink = await fixture.ReviewLinkAsync(id, FrenchMember);
        var arabicLink = await fixture.ReviewLinkAsync(id, ArabicMember);
        var rules = (await fixture.Client.ApplicationAsync(id))["eligibility"]!["rules"]!.AsArray();
        Assert.NotEmpty(rules);

        // French, on a desktop.
        await using (var context = await fixture.NewContextAsync("fr-MA"))
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync(frenchLink))!.Status);
            Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));
            Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Résultat du contrôle d'éligibilité" }).IsVisibleAsync());
            await AssertVerdictsAsync(page, rules, "messageFr", "Conforme");
            await AssertGuidanceAsync(page, "fr");

            // 26 + 20 + 20 + 6 = 72; 6 of 20 is under half, and no justification is written for it.
            await page.GetByLabel("Pertinence au regard du programme").FillAsync("26");
            await page.GetByLabel("Faisabilité et budget").FillAsync("20");
            await page.GetByLabel("Impact social et territorial").FillAsync("20");
            await page.GetByLabel("Durabilité").FillAsync("6");
            await page.GetByRole(AriaRole.Radio, new() { Name = "Favorable", Exact = true }).CheckAsync();
            await page.GetByLabel("Commentaire").FillAsync("Bon projet.");
            var refused = await EmailedPageTests.SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon évaluation" }));
            Assert.Equal(422, refused.Status);
            Assert.Equal("Une justification est obligatoire pour tout critère noté en dessous de la moitié de son maximum.",
                await page.Locator("p[role=alert]").InnerTextAsync());
            Assert.Contains("Durabilité", await page.Locator(".criterion .error").InnerTextAsync(), StringComparison.Ordinal);
            // What was typed is still there: only the justification is missing.
            Assert.Equal("6", await page.GetByLabel("Durabilité").InputValueAsync());
            Assert.Equal("26", await page.GetByLabel("Pertinence au regard du programme").InputValueAsync());
            Assert.Equal("Bon projet.", await page.GetByLabel("Commentaire").InputValueAsync());
            Assert.True(await page.GetByRole(AriaRole.Radio, new() { Name = "Favorable", Exact = true }).IsCheckedAsync());
            Assert.Empty(await ReviewsAsync(id, "m-fr"));

            await page.Locator("textarea[name='comments.sustainability']").FillAsync("Aucun débouché identifié après la subvention.");
            var sent = await EmailedPageTests.SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon évaluation" }));
            Assert.Equal(201, sent.Status);
            Assert.Equal("Merci, votre évaluation est enregistrée", await page.Locator("h1").InnerTextAsync());
            Assert.Equal("72/100", await page.Locator(".notice").InnerTextAsync());
        }

        var french = Assert.Single(await ReviewsAsync(id, "m-fr"));
        Assert.Equal(6, french["scores"]!["sustainability"]!.GetValue<int>());
        Assert.Equal("Aucun débouché identifié après la subvention.", french["comments"]!["sustainability"]!.GetValue<string>());
        Assert.Equal("Bon projet.", french["comment"]!.GetValue<string>());

        // Arabic, on a phone: right to left, nothing wider than the screen, the same rule for a low score.
        await using (var context = await fixture.NewContextAsync("ar-MA", 390, 844))
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync(arabicLink))!.Status);
            Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
            Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
            Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "نتيجة فحص الأهلية" }).IsVisibleAsync());
            await AssertVerdictsAsync(page, rules, "messageAr", "مستوفى");
            await AssertGuidanceAsync(page, "ar");
            Assert.True(await page.EvaluateAsync<double>("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the page scrolls sideways on a phone");

            // 10 of 30 for relevance is under half.
            await page.GetByLabel("ملاءمة المشروع لأهداف البرنامج").FillAsync("10");
            await page.GetByLabel("قابلية الإنجاز والميزانية").FillAsync("20");
            await page.GetByLabel("الأثر الاجتماعي والمجالي").FillAsync("20");
            await page.GetByLabel("الاستدامة").FillAsync("15");
            await page.GetByRole(AriaRole.Radio, new() { Name = "رفض", Exact = true }).CheckAsync();
            var refused = await EmailedPageTests.SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "تسجيل التقييم" }));
            Assert.Equal(422, refused.Status);
            Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
            Assert.Equal("التعليل إلزامي لكل معيار تقل نقطته عن نصف النقطة القصوى.", await page.Locator("p[role=alert]").InnerTextAsync());
            Assert.True(await page.EvaluateAsync<double>("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the refused page scrolls sideways on a phone");

            await page.Locator("textarea[name='comments.relevance']").FillAsync("المشروع بعيد عن أهداف البرنامج.");
            var sent = await EmailedPageTests.SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "تسجيل التقييم" }));
            Assert.Equal(201, sent.Status);
            Assert.Equal("65/100", await page.Locator(".notice").InnerTextAsync());
        }

        var arabic = Assert.Single(await ReviewsAsync(id, "m-ar"));
        Assert.Equal("المشروع بعيد عن أهداف البرنامج.", arabic["comments"]!["relevance"]!.GetValue<string>());
        Assert.Equal("reject", arabic["recommendation"]!.GetValue<string>());
    }

    /// <summary>One item per rule of the recorded result, each with its verdict and its message in the page's language.</summary>
    static async Task AssertVerdictsAsync(IPage page, JsonArray rules, string message, string pass)
    {
        var items = page.Locator("ul.eligibility li");
        Assert.Equal(rules.Count, await items.CountAsync());
        for (var i = 0; i < rules.Count; i++)
        {
            var text = await items.Nth(i).InnerTextAsync();
            Assert.Contains(rules[i]![message]!.GetValue<string>(), text, StringComparison.Ordinal);
            if (rules[i]!["verdict"]!.GetValue<string>() == "pass")
            {
                Assert.StartsWith(pass, text, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Each criterion's guidance is shown under its score field and read out as the field's description.</summary>
    static async Task AssertGuidanceAsync(IPage page, string language)
    {
        foreach (var criterion in new[] { "relevance", "feasibility", "impact", "sustainability" })
        {
            var field = page.Locator($"input[name='score.{criterion}']");
            var guidance = page.Locator("#" + await field.GetAttributeAsync("aria-describedby"));
            Assert.Equal(Guidance(criterion, language), (await guidance.InnerTextAsync()).Trim());
            Assert.True(await guidance.IsVisibleAsync());
            var below = await page.EvaluateAsync<bool>(
                "([f, g]) => document.querySelector(f).getBoundingClientRect().bottom <= document.querySelector(g).getBoundingClientRect().top + 1",
                new[] { $"input[name='score.{criterion}']", "#guidance-" + criterion });
            Assert.True(below, $"the guidance of {criterion} sits under its score field");
        }
    }

    /// <summary>The member's voted reviews, as staff read them.</summary>
    async Task<List<JsonObject>> ReviewsAsync(string applicationId, string memberId)
    {
        using var response = await fixture.Client.SendAsync(HttpMethod.Get, $"api/applications/{applicationId}/reviews", await fixture.Client.StaffTokenAsync());
        response.EnsureSuccessStatusCode();
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return [.. view["reviews"]!.AsArray().Select(r => r!.AsObject())
            .Where(r => r["member"]!["id"]!.GetValue<string>() == memberId && r["state"]!.GetValue<string>() == "voted")];
    }
}
