using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OpsConsole.EndToEnd.Infrastructure;

/// <summary>
/// axe-core, run in the page as it stands, for the WCAG 2.2 A and AA rules it can check by itself: names of controls,
/// labels, contrast, ARIA used as specified. It cannot judge everything (a name can be present and still say little),
/// but what it finds is a real barrier.
/// </summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    /// <summary>Fails with every violation on the page, each with the elements it was found on.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string where)
    {
        // A dialog fading in is measured half transparent: contrast is read once every animation has finished.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        var results = await page.RunAxe(Wcag);
        var report = string.Join("\n", results.Violations.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n =>
                $"    {n.Target}: {string.Join(" / ", n.Any.Concat(n.All).Select(c => c.Message))}"))));
        Assert.True(results.Violations.Length == 0, $"Accessibility violations on {where} ({page.Url}):\n{report}");
        // A page that axe did not read at all would pass too: it must have checked something.
        Assert.NotEmpty(results.Passes);
    }
}
