using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class SiteSettingsJourney(ConsoleFixture console)
{
    [Fact]
    public async Task Administrator_SetsMalaysiasApprovalsForRestrictedGoods_AndTheOverviewShowsIt()
    {
        var page = (await console.SignInAsync("Ada Admin", "/admin")).Page;
        var approvals = page.GetByRole(AriaRole.Spinbutton, new() { Name = "Approvals for restricted goods on MY" });
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save the settings of MY" });
        await Expect(approvals).ToHaveValueAsync("2");
        await Expect(save).ToBeDisabledAsync();

        await approvals.FillAsync("3");
        await approvals.BlurAsync();
        await save.ClickAsync();

        await Expect(page.GetByText("MY: restricted-goods changes now need 3 approval(s)")).ToBeVisibleAsync();
        await Expect(save).ToBeDisabledAsync();
        await ConsoleFixture.ScreenshotAsync(page, "admin-site-settings");

        await page.GotoAsync("/");
        // The overview's last column is the approvals for restricted goods.
        var malaysia = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Malaysia" });
        await Expect(malaysia.Locator("td").Last).ToHaveTextAsync("3");

        // Put it back: the other journeys share this console.
        await page.GotoAsync("/admin");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        await approvals.FillAsync("2");
        await approvals.BlurAsync();
        await save.ClickAsync();
        await Expect(page.GetByText("MY: restricted-goods changes now need 2 approval(s)")).ToBeVisibleAsync();
    }
}
