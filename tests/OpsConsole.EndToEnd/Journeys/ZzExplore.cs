using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class ZzExplore(ConsoleFixture console)
{
    private static async Task Shots(IPage page, string name, int height)
    {
        var total = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        for (var y = 0; y < Math.Min(total, height); y += 800)
        {
            await page.ScreenshotAsync(new() { Path = $"/tmp/explore-lead/{name}-{y / 800}.png", FullPage = true, Clip = new() { X = 300, Y = y, Width = 980, Height = Math.Min(800, total - y) } });
        }
    }

    [Fact]
    public async Task Explore()
    {
        var editorPage = (await console.SignInAsync("Yu-Ting Lin")).Page;
        var list = new ChangeRequestListPage(editorPage);
        var editor = await list.CreateAsync("TW", "Lower the cart threshold");
        await editor.EditJsonAsync(json => json.Replace("\"threshold\": 990", "\"threshold\": 890"));
        await editor.Button("Save").ClickAsync();
        await Expect(editor.Outcome).ToContainTextAsync("Saved.");
        await editor.SubmitAsync();
        var approverPage = (await console.SignInAsync("Chia-Hao Wu", $"/sites/TW/change-requests/{editor.Id}")).Page;
        await approverPage.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await approverPage.WaitForTimeoutAsync(1500);
        await Shots(approverPage, "tw-review-zh", 4000);
        var approver = new ChangeRequestPage(approverPage);
        var ack = approverPage.GetByText(new Regex("我已閱讀"));
        if (await ack.CountAsync() > 0) await ack.First.ClickAsync();
        await approverPage.GetByRole(AriaRole.Button, new() { Name = "核准" }).ClickAsync();
        await approverPage.WaitForTimeoutAsync(1500);
        await Shots(approverPage, "tw-approved-zh", 4000);
        var publish = approverPage.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("發佈") });
        await publish.First.ClickAsync();
        await approverPage.WaitForTimeoutAsync(1000);
        await ConsoleFixture.ScreenshotAsync(approverPage, "tw-publish-dialog-zh");
        await approverPage.WaitForTimeoutAsync(2000);
        await Shots(approverPage, "tw-published-zh", 5000);
        await ShellPage.GotoAsync(approverPage, "/sites/TW/releases");
        await approverPage.WaitForTimeoutAsync(1500);
        await Shots(approverPage, "tw-releases-zh", 3000);
        await ShellPage.GotoAsync(editorPage, "/");
        await editorPage.WaitForTimeoutAsync(1500);
        await Shots(editorPage, "tw-editor-overview", 2000);
    }
}
