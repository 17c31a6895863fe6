using Microsoft.Playwright;

namespace OpsConsole.EndToEnd.Pages;

/// <summary>The console's frame: header, navigation and the signed-in user.</summary>
public sealed class ShellPage(IPage page)
{
    public IPage Page => page;

    public ILocator Navigation => page.GetByRole(AriaRole.Navigation).First;

    public ILocator SignedInUser => page.GetByTestId("signed-in-user");

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>What SiteAccess lets the signed-in user do on the page's site ("You can edit HK", "Read-only for TW").</summary>
    public ILocator SiteAccess => page.GetByTestId("site-access");

    public ILocator SignOutButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });

    public ILocator NavigationToggle => page.GetByRole(AriaRole.Button, new() { Name = "Show or hide navigation" });

    /// <summary>
    /// Waits until the circuit is up (before that, typing into the prerendered page is lost) and the page has read its
    /// data (until then it shows a loading wheel, and a click races the render that replaces it).
    /// </summary>
    public Task WaitUntilInteractiveAsync() => WaitUntilInteractiveAsync(page);

    public static async Task WaitUntilInteractiveAsync(IPage page)
    {
        await page.Locator("main[data-interactive=true]").WaitForAsync();
        await page.GetByTestId("loading").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Opens a console page by address and waits until it responds.</summary>
    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitUntilInteractiveAsync(page);
    }

    public async Task OpenSiteSectionAsync(string siteMenuText, string section)
    {
        var site = Navigation.GetByRole(AriaRole.Menuitem, new() { Name = siteMenuText });
        if (await site.GetAttributeAsync("aria-expanded") != "true")
        {
            await site.Locator(".rz-navigation-item-link").First.ClickAsync();
        }

        await site.GetByRole(AriaRole.Menuitem, new() { Name = section }).ClickAsync();
    }
}
