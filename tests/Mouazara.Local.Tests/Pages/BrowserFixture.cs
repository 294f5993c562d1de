using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Pages;

/// <summary>
/// One local host (its own process, port, task hub and tables), one headless Debian Chromium and one edition,
/// shared by the page tests of one collection (PageCollections). Playwright drives the system's browser through the driver bundled in its NuGet
/// package: nothing is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's package <c>chromium</c>.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    IPlaywright? playwright;
    IBrowser? browser;
    bool disposed;

    public LocalProcess Host { get; } = new();

    public MouazaraClient Client => Host.Client;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>An edition of TestEditions.Fast with the demo edition's criteria (labels, guidance) and deadlines long enough for a browser.</summary>
    public string Edition { get; } = "pages-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Screenshots are kept here (git-ignored), for people and for CI artifacts.</summary>
    public static string ArtifactsDirectory => Path.Combine(LocalProcess.RepoRoot, "tests", "Mouazara.Local.Tests", "TestResults", "Pages");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}: these tests need Debian's package (apt-get install -y chromium).");
        }

        // The driver must never fetch a browser of its own; the machine has no network but loopback.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        try
        {
            var starting = Host.StartAsync();
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            await starting;
            await Client.PutEditionAsync(NewEdition(Edition));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // Also called by xunit after a failed InitializeAsync, which has already disposed.
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (browser is not null)
        {
            await browser.CloseAsync();
            browser = null;
        }

        playwright?.Dispose();
        playwright = null;
        await Host.DisposeAsync();
    }

    /// <summary>A fresh browser profile, as a member or applicant opening a link on their own machine.</summary>
    public Task<IBrowserContext> NewContextAsync(string locale, int width = 1280, int height = 900) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "Africa/Casablanca",
        });

    /// <summary>Submits an application through the signed webhook and returns its id.</summary>
    public Task<string> SubmitAsync(IEnumerable<string> documents, string language = "fr") =>
        Client.SubmitAcceptedAsync(TestSubmissions.Build(Edition, "sub-" + Guid.NewGuid().ToString("N")[..10], documents, language));

    /// <summary>The review link emailed to one committee member.</summary>
    public async Task<string> ReviewLinkAsync(string applicationId, string memberEmail)
    {
        var tasks = await Client.WaitForMailsAsync(applicationId, "review-task", 3);
        return MouazaraClient.Links(tasks.Single(t => t.To == memberEmail), "reviews").Single();
    }

    /// <summary>Polls the staff view until <paramref name="until"/> holds; fails with the last view seen.</summary>
    public async Task<JsonObject> WaitForViewAsync(string applicationId, Func<JsonObject, bool> until, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? MouazaraClient.Patience);
        JsonObject view;
        do
        {
            view = await Client.ApplicationAsync(applicationId);
            if (until(view))
            {
                return view;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"The staff view of {applicationId} never showed {what}: {view.ToJsonString()}");
        return view;
    }

    internal static JsonObject NewEdition(string id)
    {
        // Deadlines far enough away that no reminder or closing happens while a browser test runs on a slow machine.
        var edition = TestEditions.Fast(id, documentsDeadline: "PT600S", documentsReminder: "PT60S", committeeDeadline: "PT600S", committeeReminder: "PT60S");
        // The demo edition's criteria as they are (same ids and maxima), with their labels and guidance.
        var demo = JsonNode.Parse(File.ReadAllText(Path.Combine(Mouazara.Local.Configuration.LocalSettings.FindRepoRoot(), "editions", "demo.json")))!;
        edition["committee"]!["criteria"] = demo["committee"]!["criteria"]!.DeepClone();
        return edition;
    }
}
