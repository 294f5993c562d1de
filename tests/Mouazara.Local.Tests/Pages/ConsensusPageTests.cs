using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Pages;

/// <summary>
/// In a real browser: the consensus round's page, where a reviewer sees the others' scores and comments without their
/// names and revises or keeps their vote, and the reviewer's own page from the digest, pending and done, in French and
/// in Arabic on a phone.
/// </summary>
[Collection(ReviewerPages.Reviewers)]
public sealed class ConsensusPageTests(BrowserFixture fixture)
{
    const string French = "y.test@example.org";   // m-fr, Youssef
    const string Arabic = "k.test@example.org";   // m-ar, Khadija
    const string Civil = "f.test@example.org";    // m-civil, Fatima, Arabic

    [Fact]
    public async Task A_reviewer_revises_after_seeing_the_others_scores_without_names_and_finds_every_review_on_their_own_page_in_both_languages()
    {
        var client = fixture.Client;
        var edition = "consensus-" + Guid.NewGuid().ToString("N")[..10];
        var settings = BrowserFixture.NewEdition(edition);
        settings["committee"]!["divergenceThreshold"] = 20;
        settings["committee"]!["revision"] = new JsonObject { ["deadline"] = "PT600S", ["reminderBefore"] = "PT60S", ["endOfDay"] = false };
        settings["committee"]!["digestAfter"] = 1;
        settings["committee"]!["digestEvery"] = "PT10S";
        await client.PutEditionAsync(settings);

        var first = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, "sub-" + Guid.NewGuid().ToString("N")[..10], TestSubmissions.AllAssociationDocuments));
        var tasks = (await client.WaitForMailsAsync(first, "review-task", 3)).ToDictionary(m => m.To);
        var second = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, "sub-" + Guid.NewGuid().ToString("N")[..10], TestSubmissions.AllAssociationDocuments));
        // With two open tasks each, one over the limit, every member gets the digest with their page's link.
        var digests = (await client.WaitForMailsAsync(edition, "reviewer-digest", 3, TimeSpan.FromMinutes(3))).ToDictionary(m => m.To);

        foreach (var (to, score, recommendation) in new[] { (Arabic, 40, "reject"), (French, 80, "approve"), (Civil, 85, "approve") })
        {
            using var vote = await client.VoteAsync(MouazaraClient.Links(tasks[to], "reviews").Single(), score, recommendation);
            Assert.True(vote.IsSuccessStatusCode);
        }

        var revisions = (await client.WaitForMailsAsync(first, "revision-task", 3)).ToDictionary(m => m.To);

        // French, on a desktop: the reviewer's own scores beside two anonymous columns, ordered by score, not by who.
        await using (var context = await fixture.NewContextAsync("fr-MA"))
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync(MouazaraClient.Links(revisions[French], "revisions").Single()))!.Status);
            Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));
            Assert.Equal("Révision de votre évaluation", await page.Locator("h1").InnerTextAsync());
            Assert.Equal(["Critère", "Vous", "Évaluateur A", "Évaluateur B"], await page.Locator("table.consensus thead th").AllInnerTextsAsync());
            var totals = await page.Locator("table.consensus tr.total td").AllInnerTextsAsync();
            Assert.Equal(["80/100", "85/100", "40/100"], totals);
            var text = await page.Locator("main").InnerTextAsync();
            Assert.Contains("Note basse : relevance.", text, StringComparison.Ordinal);
            Assert.Contains("Avis du membre.", text, StringComparison.Ordinal);
            foreach (var other in new[] { "Khadija", "Fatima", "m-ar", "m-civil", "k.test", "f.test" })
            {
                Assert.DoesNotContain(other, await page.ContentAsync(), StringComparison.Ordinal);
            }

            // The form starts from the first vote; 24 of 30 for relevance becomes 20.
            Assert.Equal("24", await page.Locator("input[name='score.relevance']").InputValueAsync());
            await page.Locator("input[name='score.relevance']").FillAsync("20");
            var sent = await EmailedPageTests.SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer ma révision" }));
            Assert.Equal(201, sent.Status);
            Assert.Equal("Révision enregistrée", await page.Locator("h1").InnerTextAsync());
            Assert.Equal("Votre évaluation révisée est enregistrée : 76/100", await page.Locator(".notice").InnerTextAsync());
        }

        // Arabic, on a phone: right to left, nothing wider than the screen; she keeps her vote.
        await using (var context = await fixture.NewContextAsync("ar-MA", 390, 844))
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync(MouazaraClient.Links(revisions[Arabic], "revisions").Single()))!.Status);
            Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
            Assert.Equal(["المعيار", "تقييمكم", "العضو أ", "العضو ب"], await page.Locator("table.consensus thead th").AllInnerTextsAsync());
            Assert.DoesNotContain("Youssef", await page.ContentAsync(), StringComparison.Ordinal);
            Assert.True(await page.EvaluateAsync<double>("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the page scrolls sideways on a phone");
            var sent = await EmailedPageTests.SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "الإبقاء على تقييمي" }));
            Assert.Equal(201, sent.Status);
            Assert.Equal("تم الإبقاء على تقييمكم الأول.", await page.Locator(".notice").InnerTextAsync());
        }

        // The French reviewer's page: the second application still to do, the first done with the revised score.
        await using (var context = await fixture.NewContextAsync("fr-MA"))
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync(MouazaraClient.Links(digests[French], "reviewers").Single()))!.Status);
            Assert.Equal("Mes évaluations", await page.Locator("h1").InnerTextAsync());
            Assert.Equal(1, await page.Locator("ul.pending li").CountAsync());
            Assert.Contains(second, await page.Locator("ul.pending li").InnerTextAsync(), StringComparison.Ordinal);
            var done = page.Locator($"ul.done li[data-application='{first}']");
            Assert.Contains("Évaluée : 76/100", await done.InnerTextAsync(), StringComparison.Ordinal);
            var opened = await FollowAsync(page, page.Locator("ul.pending li").GetByRole(AriaRole.Link, new() { Name = "Ouvrir l'évaluation" }));
            Assert.Equal(200, opened.Status);
            Assert.Equal("Évaluation d'un projet", await page.Locator("h1").InnerTextAsync());
        }

        // The third member's page in Arabic, on a phone: her revision of the first application and the second application, both pending.
        await using (var context = await fixture.NewContextAsync("ar-MA", 390, 844))
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync(MouazaraClient.Links(digests[Civil], "reviewers").Single()))!.Status);
            Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
            Assert.Equal("تقييماتي", await page.Locator("h1").InnerTextAsync());
            Assert.Equal(2, await page.Locator("ul.pending li").CountAsync());
            var revision = page.Locator($"ul.pending li[data-application='{first}']");
            Assert.Contains("مراجعة (الجولة الثانية)", await revision.InnerTextAsync(), StringComparison.Ordinal);
            Assert.True(await page.EvaluateAsync<double>("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the page scrolls sideways on a phone");
            var opened = await FollowAsync(page, revision.GetByRole(AriaRole.Link, new() { Name = "مراجعة التقييم" }));
            Assert.Equal(200, opened.Status);
            Assert.Equal("مراجعة التقييم", await page.Locator("h1").InnerTextAsync());
        }
    }

    /// <summary>
    /// Clicks a link and returns the page it leads to, once its heading is there. Not through WaitForURL: when the address
    /// already matches it waits for a load state, which a loaded machine was seen to miss (only networkidle fired).
    /// </summary>
    static Task<IResponse> FollowAsync(IPage page, ILocator link) => EmailedPageTests.NavigateByAsync(page, link, "GET");
}
