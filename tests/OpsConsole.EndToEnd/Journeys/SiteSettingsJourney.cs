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

        await Expect(page.GetByText("MY: restricted-goods changes now need 3 approvals")).ToBeVisibleAsync();
        await Expect(save).ToBeDisabledAsync();
        await ConsoleFixture.ScreenshotAsync(page, "admin-site-settings");

        await page.GotoAsync("/");
        // The overview's last column is the approvals for restricted goods.
        var malaysia = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Malaysia" });
        await Expect(malaysia.Locator("td").Last).ToHaveTextAsync("3");

        // Put it back (the other journeys share this console), this time by keyboard: Tab stops on Save at once after
        // typing (it is never disabled, only marked while there is nothing to save), and focus stays on it once saved.
        await page.GotoAsync("/admin");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        var keyboard = new KeyboardUser(page);
        await keyboard.TabToAsync(approvals, limit: 80);
        await keyboard.PressAsync("Control+A");
        await keyboard.TypeAsync("2");
        await keyboard.TabToAsync(save, limit: 3);
        await keyboard.PressAsync("Enter");
        await Expect(page.GetByText("MY: restricted-goods changes now need 2 approvals")).ToBeVisibleAsync();
        await Expect(save).ToBeDisabledAsync();
        await keyboard.ExpectFocusOnAsync(save);
    }

    [Fact]
    public async Task OnAPhone_TheAdministrationPageKeepsToTheScreen()
    {
        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new SignInPage(page).SignInAsync("Ada Admin", "/admin");
        var approvers = page.GetByTestId("approvers-HK");
        await Expect(approvers).ToBeAttachedAsync();

        // The site settings' last column (who has signed in, and the warning when too few have) ran past the screen's
        // right edge, its warning a word a line, and the whole page scrolled sideways.
        Assert.True(await page.Locator(".rz-body").EvaluateAsync<bool>("body => body.scrollWidth <= body.clientWidth"), "The administration page is wider than a phone.");
        Assert.True(await approvers.EvaluateAsync<double>("cell => cell.getBoundingClientRect().width") > 150, "The approvers who have signed in are squeezed on a phone.");

        // A key made on a phone: its creation reads as a time on one line, then who made it, not the date broken at its
        // hyphens over five lines.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create API key" });
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync("HK checkout (phone)");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "HK · Hong Kong" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        var created = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "HK checkout (phone)" }).Locator(".ops-when");
        await Expect(created).ToContainTextAsync(" by Ada Admin");
        Assert.True(await created.EvaluateAsync<int>("when => { const range = document.createRange(); range.selectNodeContents(when); return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }") <= 2,
            "A key's creation time is broken over more than two lines on a phone.");
        await ConsoleFixture.TallScreenshotAsync(page, "phone-administration", 1800);

        // Each site's Save reads on one line, in Chinese too: the table, wider than a phone, gave the button's column no
        // more than one character, and "儲存" stood a character a line in its small button.
        var saveLabels = page.Locator("tr:has([data-testid^=approvers-]) .rz-button .rz-button-text");
        Assert.Equal(new[] { 1, 1, 1, 1 }, await saveLabels.EvaluateAllAsync<int[]>($"labels => labels.map({Layout.Lines})"));
        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
        await Expect(saveLabels.First).ToHaveTextAsync("儲存");
        await ShellPage.WaitUntilInteractiveAsync(page);
        Assert.Equal(new[] { 1, 1, 1, 1 }, await saveLabels.EvaluateAllAsync<int[]>($"labels => labels.map({Layout.Lines})"));
        // And each site's name: "HK · 香港" stood a character a line.
        var siteNames = page.Locator("tr:has([data-testid^=approvers-]) th[scope=row]");
        Assert.Equal(new[] { 1, 1, 1, 1 }, await siteNames.EvaluateAllAsync<int[]>($"names => names.map({Layout.Lines})"));
        await ConsoleFixture.TallScreenshotAsync(page, "phone-administration-chinese", 1800);
    }
}
