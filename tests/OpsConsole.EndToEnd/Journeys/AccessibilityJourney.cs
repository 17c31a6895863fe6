using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

/// <summary>
/// Every page and dialog of the console as each kind of user sees it, checked by axe-core against WCAG 2.2 AA: the
/// administrator's pages, an editor's change request with each section open and an item chosen, in English and in
/// Chinese, the approver's view of it and the sign-in page. (MY: the request is withdrawn at the end, and nothing is
/// published, so no other journey sees it.)
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityJourney(ConsoleFixture console)
{
    [Fact]
    public async Task EveryPageAndDialog_MeetsWcag22AA_AsFarAsAxeCanTell()
    {
        var signIn = await console.NewPageAsync();
        await signIn.GotoAsync("/account/sign-in");
        await Accessibility.AssertNoViolationsAsync(signIn, "the sign-in page");

        var admin = await console.SignInAsync("Ada Admin");
        foreach (var path in new[] { "/", "/sites/MY/config", "/sites/MY/change-requests", "/sites/MY/releases", "/audit", "/admin" })
        {
            await ShellPage.GotoAsync(admin.Page, path);
            await Accessibility.AssertNoViolationsAsync(admin.Page, path);
        }

        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        var keyDialog = admin.Page.GetByRole(AriaRole.Dialog);
        await Expect(keyDialog.GetByRole(AriaRole.Checkbox, new() { Name = "MY · Malaysia" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(admin.Page, "the new API key dialog");
        await keyDialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        // The editor's change request, each section with its first item open (the editors show an item's fields only then).
        var editor = await console.SignInAsync("Siti Rahman");
        var request = await new ChangeRequestListPage(editor.Page).CreateAsync("MY", "Accessibility check");
        var editors = new SectionEditorsPage(editor.Page);
        foreach (var (section, item) in new[] { ("Free shipping", "FS-MY-CART-150"), ("Channels", "DIRECT_STD"), ("Promotions", "CP-MY-SPEND") })
        {
            await editors.OpenTabAsync(section);
            await editors.SelectItemAsync(item);
            await Accessibility.AssertNoViolationsAsync(editor.Page, $"a change request's {section} section");
        }

        await editors.OpenTabAsync("Restricted goods");
        await editor.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "RG-MY-LIQUID-AIR" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(editor.Page, "a change request's Restricted goods section");

        await request.SaveJsonAsync(ChangeRequestPage.WithThreshold("FS-MY-CART-150", "120.00"));
        await request.SubmitAsync();
        await Accessibility.AssertNoViolationsAsync(editor.Page, "a change request in review, to its author");

        // The approver's view: the diff, the preview and what approving asks.
        var approver = new ChangeRequestPage((await console.SignInAsync("Wei Jie Tan")).Page);
        await approver.OpenAsync("MY", request.Id);
        await Expect(approver.Button("Approve")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(approver.Page, "a change request, to its approver");

        // The same in Chinese, whose words are longer or shorter where contrast and names are measured again.
        await editor.Page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await editor.WaitUntilInteractiveAsync();
        await Expect(editor.Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
        await Accessibility.AssertNoViolationsAsync(editor.Page, "a change request in Chinese");
        await editor.Page.GetByRole(AriaRole.Button, new() { Name = "撤回", Exact = true }).ClickAsync();
        var confirm = editor.Page.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(editor.Page, "the withdraw confirmation in Chinese");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "撤回", Exact = true }).ClickAsync();
        await Expect(request.State).ToContainTextAsync("已撤回");
    }
}
