using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class LanguageJourney(ConsoleFixture console)
{
    [Fact]
    public async Task EditorSwitchesToTraditionalChinese_ShellAndEditorsFollow_AndSwitchesBack()
    {
        var page = await console.NewPageAsync();
        var shell = await new SignInPage(page).SignInAsync("Hana Ho");
        var list = new ChangeRequestListPage(page);
        await list.OpenAsync("HK");
        await list.CreateAsync("Language check");

        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await shell.WaitUntilInteractiveAsync();
        await ConsoleFixture.ScreenshotAsync(page, "language-switched");
        await Expect(shell.Navigation).ToContainTextAsync("變更申請");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "免運規則" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登出" })).ToBeVisibleAsync();
        await ConsoleFixture.TallScreenshotAsync(page, "editor-zh-hant");
        await page.GetByTestId("impact-run").ClickAsync();
        await Expect(page.GetByTestId("impact-revenue")).ToContainTextAsync("草稿", new() { Timeout = 30_000 });
        await page.GetByTestId("impact").ScrollIntoViewIfNeededAsync();
        await ConsoleFixture.ScreenshotAsync(page, "impact-zh-hant");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await shell.WaitUntilInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Free shipping" })).ToBeVisibleAsync();
    }
}
