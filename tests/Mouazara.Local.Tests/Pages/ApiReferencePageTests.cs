using Microsoft.Playwright;

namespace Mouazara.Local.Tests.Pages;

/// <summary>
/// The interactive API reference at /api/docs, in real Chromium against the local host: it loads under its strict
/// content security policy with nothing but the host's own script and document (no CDN, no fonts or telemetry from
/// elsewhere), logs no error, and lists the API's operations.
/// </summary>
[Collection(ApplicantPages.Applicants)]
public sealed class ApiReferencePageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_reference_page_shows_the_operations_with_no_console_errors_and_no_request_leaving_the_host()
    {
        await using var context = await fixture.NewContextAsync("en-GB");
        var outside = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && !url.IsLoopback)
            {
                outside.Add(route.Request.Url);
                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        var response = await page.GotoAsync(new Uri(fixture.Client.BaseAddress, "api/docs").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Contains("script-src 'self'", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        // Scalar parses the document and renders every operation's summary; a loaded two-core machine needs time for 5 MB of script.
        // Scalar parses the document and renders it; a loaded two-core machine needs time for 5 MB of script.
        var status = page.GetByText("The applicant's status").First;
        try
        {
            await status.WaitForAsync(new() { Timeout = 120_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "api-reference-failed.png") });
            Assert.Fail("No operation shown. Console errors: " + string.Join("\n", errors) + "\nRequests leaving the host: " + string.Join("\n", outside));
        }

        // Every tag of the document is in the sidebar; opening one shows its operations.
        foreach (var tag in new[] { "Applicants", "Applications", "Committee", "Disbursement", "Documents", "Editions", "Intake", "Selection", "Service" })
        {
            Assert.True(await page.GetByText(tag, new() { Exact = true }).First.IsVisibleAsync(), $"No {tag} in the sidebar.");
        }

        await page.GetByText("Disbursement", new() { Exact = true }).First.ClickAsync();
        await page.GetByText("Release a tranche").First.WaitForAsync(new() { Timeout = 60_000 });
        Assert.True(await page.GetByText("/api/applications/{id}/tranches/{n}/release").First.IsVisibleAsync()
            || await page.GetByText("Release a tranche").First.IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "api-reference.png") });

        Assert.True(errors.Count == 0, "Console errors: " + string.Join("\n", errors));
        Assert.True(outside.Count == 0, "Requests leaving the host: " + string.Join("\n", outside));
    }
}
