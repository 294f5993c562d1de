using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Mouazara.Local.Tests.Console;

/// <summary>The console in one browser profile: signing in, moving between pages, and what every page must hold to.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    readonly List<string> errors = [];

    public ConsolePage(IBrowserContext context, IPage page, Uri host)
    {
        Context = context;
        Page = page;
        Host = host;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri Host { get; }

    /// <summary>Opens the console, picks the language and signs in with the local host's development token.</summary>
    public async Task SignInAsync(string language, string roleButton, string edition)
    {
        Assert.Equal(200, (await Page.GotoAsync(new Uri(Host, "/console/").AbsoluteUri))!.Status);
        await Page.GetByRole(AriaRole.Button, new() { Name = language == "ar" ? "العربية" : "Français" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = roleButton, Exact = true }).ClickAsync();
        await Page.Locator("#edition-id").FillAsync(edition);
        await Page.Locator(".edition-picker button").ClickAsync();
        Assert.Equal(language, await Page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await Page.EvaluateAsync<string>("document.documentElement.dir"));
    }

    public async Task GoAsync(string hash)
    {
        await Page.EvaluateAsync("h => { location.hash = h; }", hash);
        await Page.Locator("main h1").First.WaitForAsync();
    }

    /// <summary>Nothing wider than the screen: the page never scrolls sideways (wide tables scroll inside their own box).</summary>
    public async Task AssertNoHorizontalOverflowAsync(string where)
    {
        var (scroll, width) = (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await Page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= width, $"{where}: the page is {scroll} px wide on a {width} px screen.");
    }

    /// <summary>axe-core finds nothing serious or critical.</summary>
    public async Task AssertAccessibleAsync(string where)
    {
        var result = await Page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(serious.Count == 0, $"{where}: " + string.Join("\n", serious));
    }

    /// <summary>No error in the browser's console, except the failed loads listed (a refusal the test provoked shows up there too).</summary>
    public void AssertNoConsoleErrors(params string[] expectedStatuses)
    {
        lock (errors)
        {
            var unexpected = errors.Where(e => !expectedStatuses.Any(s => e.StartsWith("Failed to load resource: the server responded with a status of " + s, StringComparison.Ordinal))).ToList();
            Assert.True(unexpected.Count == 0, "Console errors:\n" + string.Join("\n", unexpected));
        }
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
