using System.Diagnostics;
using Mouazara.Local.Tests.Pages;
using Mouazara.Local.Tests.Support;

namespace Mouazara.Local.Tests.EndToEnd;

/// <summary>
/// The README's walk-through, `node scripts/walkthrough.mjs`, against a running local host as a newcomer runs it: it
/// must reach the end (the application closed). It once stopped at the votes, unnoticed, after the committee began to
/// ask for a conflict-of-interest declaration first. It runs on the applicants' pages' host (its own edition), so
/// that it adds no host polling the tests' Azurite.
/// </summary>
[Collection(ApplicantPages.Applicants)]
public sealed class WalkthroughScriptTests(BrowserFixture pages)
{
    LocalProcess Host => pages.Host;

    [Fact]
    public async Task The_walkthrough_script_takes_an_application_from_the_webhook_to_closed()
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(LocalProcess.RepoRoot, "scripts", "walkthrough.mjs"), "--url", Host.BaseAddress.AbsoluteUri },
            WorkingDirectory = LocalProcess.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await script.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true);
            Assert.Fail("The walk-through did not finish within 5 minutes:\n" + await output);
        }

        var printed = await output;
        Assert.True(script.ExitCode == 0, $"The walk-through failed ({script.ExitCode}):\n{printed}\n{await errors}");
        Assert.Contains("no conflict declared, 201 vote of", printed, StringComparison.Ordinal);
        Assert.Matches(@"== Application MZ-[A-Z0-9]+ is closed\.", printed);
    }
}
