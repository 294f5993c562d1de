using Mouazara.Local.Tests.Pages;
using Mouazara.Local.Tests.Support;
using Mouazara.Testing;

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
        var result = await Cli.RunAsync("node", LocalProcess.RepoRoot, TimeSpan.FromMinutes(8),
            Path.Combine(LocalProcess.RepoRoot, "scripts", "walkthrough.mjs"), "--url", Host.BaseAddress.AbsoluteUri);

        Assert.True(result.ExitCode == 0, $"The walk-through failed: {result}");
        var printed = result.StandardOutput;
        Assert.Contains("no conflict declared, 201 vote of", printed, StringComparison.Ordinal);
        Assert.Matches(@"== Application MZ-[A-Z0-9]+ is closed\.", printed);
    }
}
