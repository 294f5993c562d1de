using Microsoft.Playwright;
using Mouazara.Local.Tests.Pages;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;

namespace Mouazara.Local.Tests.Console;

/// <summary>
/// One local host and one Chromium for the console's tests, seeded through the API as people would: an edition with two
/// flagged applications (a founding date the rules cannot settle) and one ordinary, and a second edition whose one
/// application went through the committee, selection and agreement until its first tranche is due.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
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

    /// <summary>The edition of the flagged cases: <see cref="FlaggedFrench"/>, <see cref="FlaggedArabic"/> and one in another region.</summary>
    public string Edition { get; } = "console-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The edition whose application <see cref="Paying"/> has its first tranche due.</summary>
    public string PayingEdition { get; } = "console-pay-" + Guid.NewGuid().ToString("N")[..8];

    public string FlaggedFrench { get; private set; } = "";

    public string FlaggedArabic { get; private set; } = "";

    public string Ordinary { get; private set; } = "";

    public string Paying { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        try
        {
            await Host.StartAsync();
            var starting = StartBrowserAsync();
            await Client.PutEditionAsync(TestEditions.Fast(Edition, documentsDeadline: "PT600S", committeeDeadline: "PT600S", staffReminder: "PT600S"));
            await Client.PutEditionAsync(TestEditions.Fast(PayingEdition, documentsDeadline: "PT600S", committeeDeadline: "PT600S", staffReminder: "PT600S"));
            Paying = await Client.SubmitAcceptedAsync(TestSubmissions.Build(PayingEdition, NewId(), TestSubmissions.AllAssociationDocuments));
            FlaggedFrench = await Client.SubmitAcceptedAsync(TestSubmissions.Build(Edition, NewId(), TestSubmissions.AllAssociationDocuments, foundedOn: null, region: "MA-09"));
            FlaggedArabic = await Client.SubmitAcceptedAsync(TestSubmissions.Build(Edition, NewId(), TestSubmissions.AllAssociationDocuments, language: "ar", foundedOn: null, region: "MA-08"));
            Ordinary = await Client.SubmitAcceptedAsync(TestSubmissions.Build(Edition, NewId(), ["statutes"], region: "MA-09"));

            // The paying application: every member approves, staff select it, the applicant signs, staff countersign.
            var tasks = await Client.WaitForMailsAsync(Paying, "review-task", 3);
            foreach (var task in tasks)
            {
                using var vote = await Client.VoteAsync(MouazaraClient.Links(task, "reviews").Single(), 80, "approve");
            }

            await Client.SelectAsync(PayingEdition, Paying);
            await Client.ReturnSignedAgreementAsync(Paying);
            await WaitForAsync(Paying, app => app["award"]?["tranches"]?.AsArray().Any(t => t!["number"]!.GetValue<int>() == 1 && t["status"]!.GetValue<string>() == "due") == true, "tranche 1 due");
            await WaitForAsync(FlaggedFrench, app => app["status"]!.GetValue<string>() == "awaiting-staff-review", "a flagged case");
            await WaitForAsync(FlaggedArabic, app => app["status"]!.GetValue<string>() == "awaiting-staff-review", "a flagged case");
            await starting;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    async Task StartBrowserAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    async Task WaitForAsync(string id, Func<System.Text.Json.Nodes.JsonObject, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var app = await Client.ApplicationAsync(id);
            if (until(app))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id} never reached {what}: {app.ToJsonString()}");
            await Task.Delay(250);
        }
    }

    static string NewId() => "sub-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A fresh browser profile on a 360-pixel-wide phone screen, with its console errors collected.</summary>
    public async Task<ConsolePage> OpenAsync(string locale)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 360, Height = 780 },
            TimezoneId = "Africa/Casablanca",
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var console = new ConsolePage(context, page, Host.BaseAddress);
        return console;
    }

    public async Task DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
