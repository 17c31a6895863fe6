using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class ChangeRequestJourney(ConsoleFixture console)
{
    [Fact]
    public async Task HkEditorChangesThreshold_ApproverApprovesAndPublishes_V2ShowsThatOneChange()
    {
        // The HK editor proposes a lower free-shipping threshold and submits it.
        var editorPage = await console.NewPageAsync();
        await new SignInPage(editorPage).SignInAsync("Hana Ho");
        var list = new ChangeRequestListPage(editorPage);
        await list.OpenAsync("HK");
        var editor = await list.CreateAsync("Free direct mail from HK$249");
        await Expect(editor.State).ToHaveTextAsync("Draft");

        await editor.EditJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-CART-299", "249.00"));
        await Expect(editor.Diff).ToContainTextAsync("threshold");
        await editor.Button("Save").ClickAsync();
        await Expect(editor.Outcome).ToContainTextAsync("Saved.");
        await editor.Button("Submit for review").ClickAsync();
        await Expect(editor.State).ToHaveTextAsync("In review");
        await ConsoleFixture.ScreenshotAsync(editorPage, "cr-in-review");

        // The editor has no way to approve it, and a forged request is refused by the server.
        await Expect(editor.Button("Approve")).ToHaveCountAsync(0);
        Assert.Equal(403, await editor.ForgeActionAsync("approve", await editor.RevisionAsync()));
        await Expect(editor.State).ToHaveTextAsync("In review");

        // The HK approver approves and publishes; the editor's open page follows without reloading.
        var approverPage = await console.NewPageAsync();
        await new SignInPage(approverPage).SignInAsync("Kelvin Chan");
        var approver = new ChangeRequestPage(approverPage);
        await approver.OpenAsync("HK", editor.Id);
        await Expect(approver.State).ToHaveTextAsync("In review");
        await approverPage.GetByText(new Regex(@"I have read the \d+ warning")).ClickAsync();
        await approver.Button("Approve").ClickAsync();
        await Expect(approver.State).ToHaveTextAsync("Approved");
        await Expect(editor.State).ToHaveTextAsync("Approved");

        await approverPage.GetByRole(AriaRole.Button, new() { Name = "Publish as v2" }).ClickAsync();
        await Expect(approver.Outcome).ToContainTextAsync("Published as v2");
        await Expect(editor.State).ToHaveTextAsync("Published");

        // v2 is in the history, and its diff against v1 is exactly that one change.
        var releases = new ReleasesPage(approverPage);
        await releases.OpenAsync("HK");
        await Expect(releases.History).ToContainTextAsync("v2");
        await Expect(releases.History).ToContainTextAsync("Free direct mail from HK$249");
        await Expect(releases.Diff.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(releases.Diff).ToContainTextAsync("FS-HK-CART-299");
        await Expect(releases.DiffSummaries).ToHaveTextAsync(new Regex("FS-HK-CART-299: threshold 299 → 249"));
        await ConsoleFixture.ScreenshotAsync(approverPage, "releases-v2");
    }
}
