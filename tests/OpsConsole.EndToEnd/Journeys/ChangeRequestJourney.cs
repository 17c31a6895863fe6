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
    public async Task HkEditorChangesThreshold_ApproverApprovesAndPublishes_V2ShowsThatOneChange_CheckoutReadsItWithAKeyMadeInTheConsole()
    {
        // The HK approver has the overview open; the HK editor proposes a lower free-shipping threshold and submits it.
        var approverPage = (await console.SignInAsync("Kelvin Chan")).Page;
        var editorPage = (await console.SignInAsync("Hana Ho")).Page;
        var list = new ChangeRequestListPage(editorPage);
        var editor = await list.CreateAsync("HK", "Free direct mail from HK$249");
        await Expect(editor.State).ToHaveTextAsync("Draft");

        await editor.EditJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-CART-299", "249.00"));
        await Expect(editor.Diff).ToContainTextAsync("threshold");
        await editor.Button("Save").ClickAsync();
        await Expect(editor.Outcome).ToContainTextAsync("Saved.");
        await editor.SubmitAsync();
        await ConsoleFixture.ScreenshotAsync(editorPage, "cr-in-review");

        // The editor has no way to approve it, and a forged request is refused by the server.
        await Expect(editor.Button("Approve")).ToHaveCountAsync(0);
        Assert.Equal(403, await editor.ForgeActionAsync("approve", await editor.RevisionAsync()));
        await Expect(editor.State).ToHaveTextAsync("In review");

        // The approver's overview lists it as waiting without a reload; the approver opens it from there, approves and
        // publishes, and the editor's open page follows without reloading.
        var waiting = approverPage.GetByRole(AriaRole.Table, new() { Name = "Waiting for your approval" });
        var waitingRow = waiting.GetByRole(AriaRole.Row).Filter(new() { HasText = $"CR-{editor.Id}: Free direct mail from HK$249" });
        await Expect(waitingRow).ToContainTextAsync("Hana Ho");
        await Expect(waitingRow).ToContainTextAsync("0 of 1 needed");
        await ConsoleFixture.ScreenshotAsync(approverPage, "overview-waiting");
        await waitingRow.GetByRole(AriaRole.Link).ClickAsync();
        var approver = new ChangeRequestPage(approverPage);
        await Expect(approverPage).ToHaveURLAsync(new Regex($"/sites/HK/change-requests/{editor.Id}$"));
        await Expect(approver.State).ToHaveTextAsync("In review");
        await approverPage.GetByText(new Regex(@"I have read the \d+ warning")).ClickAsync();
        await approver.Button("Approve").ClickAsync();
        await Expect(approver.State).ToHaveTextAsync("Approved");
        await Expect(editor.State).ToHaveTextAsync("Approved");

        await approver.PublishAsync(2);
        await Expect(editor.State).ToHaveTextAsync("Published");

        // v2 is in the history, and its diff against v1 is exactly that one change.
        var releases = new ReleasesPage(approverPage);
        await releases.OpenAsync("HK");
        await Expect(releases.History).ToContainTextAsync("v2");
        await Expect(releases.History).ToContainTextAsync("Free direct mail from HK$249");
        await Expect(releases.Diff.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(releases.Diff).ToContainTextAsync("FS-HK-CART-299");
        await Expect(releases.DiffSummaries).ToHaveTextAsync(new Regex(@"FS-HK-CART-299: threshold HK\$299\.00 → HK\$249\.00"));
        await ConsoleFixture.ScreenshotAsync(approverPage, "releases-v2");

        // An administrator makes checkout a key for HK in the console; checkout reads v2 through the API with it.
        var adminPage = (await console.SignInAsync("Ada Admin", "/admin")).Page;
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        var dialog = adminPage.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[name='KeyName']").FillAsync("HK checkout (journey)");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "HK · Hong Kong", Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secret = await dialog.GetByRole(AriaRole.Textbox, new() { Name = "The new API key" }).InputValueAsync();
        await ConsoleFixture.ScreenshotAsync(adminPage, "api-key-created");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        using var checkout = new HttpClient { BaseAddress = console.Server.BaseAddress };
        checkout.DefaultRequestHeaders.Add("X-Api-Key", secret);
        using var current = await checkout.GetAsync("/api/v1/sites/HK/config");
        Assert.Equal(System.Net.HttpStatusCode.OK, current.StatusCode);
        using var document = System.Text.Json.JsonDocument.Parse(await current.Content.ReadAsStringAsync());
        Assert.Equal(2, document.RootElement.GetProperty("version").GetInt32());
        var rule = document.RootElement.GetProperty("config").GetProperty("freeShipping").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "FS-HK-CART-299");
        Assert.Equal(249m, rule.GetProperty("threshold").GetDecimal());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await checkout.GetAsync("/api/v1/sites/TW/config")).StatusCode);

        // Revoked in the console (after confirming), the key is refused at once.
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Revoke HK checkout (journey)" }).ClickAsync();
        await adminPage.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        // The row stops offering Revoke once the key is revoked.
        await Expect(adminPage.GetByRole(AriaRole.Button, new() { Name = "Revoke HK checkout (journey)" })).ToHaveCountAsync(0);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await checkout.GetAsync("/api/v1/sites/HK/config")).StatusCode);
    }
}
