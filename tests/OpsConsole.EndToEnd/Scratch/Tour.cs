using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Scratch;

[Collection(ConsoleCollection.Name)]
public sealed class Tour(ConsoleFixture console)
{
    [Fact]
    public async Task ApproverOnTablet()
    {
        var editorPage = (await console.SignInAsync("Siti Rahman")).Page;
        var editor = await new ChangeRequestListPage(editorPage).CreateAsync("SG", "Cheaper SG direct mail for December");
        await editor.EditJsonAsync(j => j.Replace("\"firstPrice\": 4.50,", "\"firstPrice\": 3.90,"));
        await editor.Button("Save").ClickAsync();
        await Expect(editor.Outcome).ToContainTextAsync("Saved.");
        await editor.Button("Submit for review").ClickAsync();
        await Expect(editor.State).ToHaveTextAsync("In review");

        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(820, 1180);
        await new SignInPage(page).SignInAsync("Wei Jie Tan");
        var approver = new ChangeRequestPage(page);
        await approver.OpenAsync("SG", editor.Id);
        await ConsoleFixture.TallScreenshotAsync(page, "tab-approver", 3200);
        await ShellPage.GotoAsync(page, "/sites/SG/change-requests");
        await ConsoleFixture.ScreenshotAsync(page, "tab-crs");
        await ShellPage.GotoAsync(page, "/");
        await ConsoleFixture.ScreenshotAsync(page, "tab-overview");
    }
}
