using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Pages;

/// <summary>
/// A panel reviewer's review page in a real browser: before anything can be scored, the reviewer declares they have no
/// conflict of interest, or recuses themselves; a recused reviewer's link then shows a clear page and no longer
/// votes, and a replacement is emailed. In Arabic on a phone and in French.
/// </summary>
[Collection(ReviewerPages.Reviewers)]
public sealed class ConflictDeclarationPageTests(BrowserFixture fixture)
{
    /// <summary>A pool of five for a French application in handicrafts: the two experts sit; the third seat goes to one of three others.</summary>
    static JsonObject PoolEdition(string id)
    {
        var edition = TestEditions.Fast(id, documentsDeadline: "PT600S", documentsReminder: "PT60S", committeeDeadline: "PT600S", committeeReminder: "PT60S");
        var demo = JsonNode.Parse(File.ReadAllText(Path.Combine(Mouazara.Local.Configuration.LocalSettings.FindRepoRoot(), "editions", "demo.json")))!;
        var committee = edition["committee"]!.AsObject();
        committee["criteria"] = demo["committee"]!["criteria"]!.DeepClone();
        committee["members"] = new JsonArray(
            Member("a-ar", "ar", "ministry", ["handicrafts"]),
            Member("b-fr", "fr", "chamber-of-handicrafts", ["handicrafts"]),
            Member("c-fr", "fr", "civil-society", []),
            Member("d-fr", "fr", "regional-council", []),
            Member("e-fr", "fr", "civil-society", []));
        committee["reviewersPerApplication"] = 3;
        committee["minCategories"] = 2;
        return edition;
    }

    static JsonObject Member(string id, string language, string category, string[] sectors) => new()
    {
        ["id"] = id,
        ["name"] = "Membre " + id,
        ["email"] = id + "@example.org",
        ["language"] = language,
        ["languages"] = new JsonArray(language, language == "ar" ? "fr" : "ar"),
        ["organisation"] = "Organisation " + id,
        ["category"] = category,
        ["sectors"] = new JsonArray(sectors.Select(s => (JsonNode)s).ToArray()),
    };

    [Fact]
    public async Task The_form_opens_only_after_the_declaration_and_a_recusal_in_Arabic_or_French_ends_the_link_and_brings_a_replacement()
    {
        var edition = "panel-" + Guid.NewGuid().ToString("N")[..10];
        await fixture.Client.PutEditionAsync(PoolEdition(edition));
        var id = await fixture.Client.SubmitAcceptedAsync(TestSubmissions.Build(edition, "sub-" + Guid.NewGuid().ToString("N")[..10], TestSubmissions.AllAssociationDocuments));
        var tasks = await fixture.Client.WaitForMailsAsync(id, "review-task", 3);
        string LinkOf(OutboxMail mail) => MouazaraClient.Links(mail, "reviews").Single();
        var arabicLink = LinkOf(tasks.Single(t => t.To == "a-ar@example.org"));
        var frenchLink = LinkOf(tasks.Single(t => t.To == "b-fr@example.org"));
        var third = tasks.Single(t => t.To is not ("a-ar@example.org" or "b-fr@example.org"));

        // Arabic, on a phone: the declaration comes first, without the documents or the scoring form; the reviewer recuses.
        await using (var context = await fixture.NewContextAsync("ar-MA", 390, 844))
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync(arabicLink))!.Status);
            Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
            Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "التصريح بعدم تضارب المصالح" }).IsVisibleAsync());
            Assert.Equal(0, await page.Locator("input[name='score.relevance']").CountAsync());
            Assert.Equal(0, await page.Locator("ul.documents").CountAsync());
            Assert.True(await page.EvaluateAsync<double>("document.documentElement.scrollWidth - window.innerWidth") <= 0, "the page scrolls sideways on a phone");

            await page.GetByLabel("ملاحظة (اختيارية)").FillAsync("أنا عضو في مكتب هذه الجمعية.");
            var recused = await EmailedPageTests.SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "أتنحى عن تقييم هذا الطلب" }));
            Assert.Equal(200, recused.Status);
            Assert.Equal("تم تسجيل تنحيكم", await page.Locator("h1").InnerTextAsync());
            Assert.Contains("أسند هذا التقييم إلى عضو آخر", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);

            // The emailed link again: a clear page, Gone, and no form.
            var again = await page.GotoAsync(arabicLink);
            Assert.Equal(410, again!.Status);
            Assert.Equal("تم تسجيل تنحيكم", await page.Locator("h1").InnerTextAsync());
            Assert.Equal(0, await page.Locator("form").CountAsync());
        }

        // French: the third reviewer recuses without a note.
        await using (var context = await fixture.NewContextAsync("fr-MA"))
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync(LinkOf(third)))!.Status);
            Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));
            var recused = await EmailedPageTests.SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Je me retire de cette évaluation" }));
            Assert.Equal(200, recused.Status);
            Assert.Equal("Votre retrait est enregistré", await page.Locator("h1").InnerTextAsync());
        }

        using (var vote = await fixture.Client.VoteAsync(LinkOf(third), 80, "approve"))
        {
            Assert.Equal(HttpStatusCode.Gone, vote.StatusCode);
            Assert.Equal("application/problem+json", vote.Content.Headers.ContentType?.MediaType);
        }

        // French: the declaration must be ticked; then the documents and the form appear.
        await using (var context = await fixture.NewContextAsync("fr-MA"))
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync(frenchLink))!.Status);
            Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Déclaration d'absence de conflit d'intérêts" }).IsVisibleAsync());
            Assert.Equal(0, await page.Locator("input[name='score.relevance']").CountAsync());

            // Unticked, the browser does not send the form.
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer et évaluer" }).ClickAsync();
            Assert.False(await page.GetByLabel("Je déclare n'avoir aucun conflit d'intérêts avec le porteur de ce projet.").IsCheckedAsync());
            Assert.Equal(0, await page.Locator("input[name='score.relevance']").CountAsync());

            await page.GetByLabel("Je déclare n'avoir aucun conflit d'intérêts avec le porteur de ce projet.").CheckAsync();
            await EmailedPageTests.SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Confirmer et évaluer" }));
            Assert.Equal(frenchLink, page.Url);
            Assert.Equal("Vous avez déclaré n'avoir aucun conflit d'intérêts.", await page.Locator(".declared").InnerTextAsync());
            Assert.True(await page.GetByLabel("Pertinence au regard du programme").IsVisibleAsync());
            Assert.True(await page.Locator("ul.documents").IsVisibleAsync());
            Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Je me retire de cette évaluation" }).CountAsync());
        }

        // Each recusal brought a replacement from the pool, and staff were told of both.
        var all = await fixture.Client.WaitForMailsAsync(id, "review-task", 5);
        Assert.Equal(5, all.Select(t => t.To).Distinct().Count());
        Assert.Equal(2, (await fixture.Client.WaitForMailsAsync(id, "staff-recusal", 2)).Count);
    }
}
