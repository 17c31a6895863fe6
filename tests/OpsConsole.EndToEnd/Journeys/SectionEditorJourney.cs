using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class SectionEditorJourney(ConsoleFixture console)
{
    [Fact]
    public async Task HkEditorEntersBadThreshold_SeesErrorAndSaveDisabled_CorrectsAndSaves_PreviewFeeChanges_ImpactShowsLowerFees()
    {
        var page = (await console.SignInAsync("Hana Ho")).Page;
        var list = new ChangeRequestListPage(page);
        var request = await list.CreateAsync("HK", "Free direct mail from HK$199");
        var editors = new SectionEditorsPage(page);

        // The default preview cart (HK$248) is under the HK$299 threshold: direct mail costs its base fee.
        await Expect(editors.DraftPreview("fee", "DIRECT_STD")).ToContainTextAsync("HK$18.00");
        await editors.SelectItemAsync("FS-HK-CART-299");
        await ConsoleFixture.TallScreenshotAsync(page, "editor-free-shipping");
        // On a desktop the four sections' tabs stand on one line (they wrap only where they do not fit).
        Assert.Equal(1, await page.GetByRole(AriaRole.Tablist, new() { Name = "Sections of the proposal" })
            .EvaluateAsync<int>("list => new Set([...list.querySelectorAll('[role=tab]')].map(tab => Math.round(tab.getBoundingClientRect().top))).size"));

        // Three decimals cannot be Hong Kong dollars: the field says so, and Save says why it is disabled.
        await editors.Field("Threshold").FillAsync("199.999");
        await Expect(editors.MessagesOf("fs-threshold")).ToContainTextAsync("at most 2 decimals");
        await Expect(request.Button("Save")).ToBeDisabledAsync();
        await Expect(editors.SaveBlocked).ToContainTextAsync("Fix the 1 field marked in the editor before saving.");
        await Expect(editors.SubmitBlocked).ToContainTextAsync("Fix the 1 field marked in the editor and save before submitting.");
        await ConsoleFixture.ScreenshotAsync(page, "editor-free-shipping-bad-threshold");

        // Corrected, the rule applies to the sample cart at once, and the draft saves through the usual path.
        await editors.Field("Threshold").FillAsync("199");
        await Expect(editors.MessagesOf("fs-threshold")).ToBeHiddenAsync();
        await Expect(editors.SaveBlocked).ToHaveCountAsync(0);
        await Expect(editors.DraftPreview("fee", "DIRECT_STD")).ToContainTextAsync("HK$0.00");
        await Expect(editors.DraftPreview("discounts", "DIRECT_STD")).ToContainTextAsync("FS-HK-CART-299");
        await Expect(request.Json).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"""threshold"": 199\.00"));

        // A click elsewhere with the edit unsaved asks first; staying keeps the edit where it was.
        var shell = new ShellPage(page);
        await shell.OpenSiteSectionAsync("HK · Hong Kong", "Releases");
        var leaving = page.GetByRole(AriaRole.Alertdialog);
        await Expect(leaving).ToContainTextAsync("Leave without saving?");
        await ConsoleFixture.ScreenshotAsync(page, "editor-leave-unsaved");
        await leaving.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Expect(leaving).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/change-requests/{request.Id}$"));
        await Expect(request.Json).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"""threshold"": 199\.00"));

        // Leaving the console's pages (here, switching language, a form post) gets the browser's own prompt; staying
        // keeps the edit.
        var prompt = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        async void Dismiss(object? sender, IDialog dialog)
        {
            await dialog.DismissAsync();
            prompt.TrySetResult(dialog.Type);
        }

        page.Dialog += Dismiss;
        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        Assert.Equal("beforeunload", await prompt.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        page.Dialog -= Dismiss;
        await Expect(request.Json).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"""threshold"": 199\.00"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeVisibleAsync();
        await request.Button("Save").ClickAsync();
        await Expect(request.Outcome).ToContainTextAsync("Saved.");
        await Expect(request.Diff).ToContainTextAsync("threshold");
        await Expect(editors.DraftPreview("fee", "DIRECT_STD")).ToContainTextAsync("HK$0.00");
        await ConsoleFixture.ScreenshotAsync(page, "editor-free-shipping-saved");

        // Over many carts at once: a lower threshold gives more carts free direct mail, so buyers pay less for shipping.
        await page.GetByTestId("impact-run").ClickAsync();
        await Expect(page.GetByTestId("impact-summary")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("impact-revenue")).ToContainTextAsync("(−");
        await Expect(page.GetByTestId("impact-rule-FS-HK-CART-299")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("impact-largest")).ToContainTextAsync("DIRECT_STD HK$0.00");
        await page.GetByTestId("impact").ScrollIntoViewIfNeededAsync();
        await ConsoleFixture.ScreenshotAsync(page, "impact");

        await editors.OpenTabAsync("Channels");
        await ConsoleFixture.TallScreenshotAsync(page, "editor-channels");
        // Every field of a remote-area surcharge is wide enough to type in (its postal-code prefixes were squeezed to 40 pixels).
        var surcharge = page.GetByRole(AriaRole.Group, new() { Name = "Surcharge 1", Exact = true });
        foreach (var field in new[] { "Surcharge 1 areas", "Surcharge 1 postal-code prefixes", "Surcharge 1 amount" })
        {
            var width = await surcharge.GetByLabel(field, new() { Exact = true }).EvaluateAsync<double>("input => input.getBoundingClientRect().width");
            Assert.True(width >= 100, $"{field} is {width} pixels wide.");
        }

        await editors.OpenTabAsync("Promotions");
        await Expect(page.GetByTestId("tier")).ToHaveCountAsync(3);
        await ConsoleFixture.TallScreenshotAsync(page, "editor-promotions");
        await editors.OpenTabAsync("Restricted goods");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "RG-HK-MED-LIMIT" }).ClickAsync();
        await Expect(editors.Field("Rule id")).ToHaveValueAsync("RG-HK-MED-LIMIT");
        // The legal reference an approver checks is shown whole, not cut at the field's edge.
        await Expect(editors.Field("Legal reference")).ToHaveValueAsync("Pharmacy and Poisons Ordinance (Cap. 138)");
        Assert.True(await editors.Field("Legal reference").EvaluateAsync<bool>("field => field.scrollWidth <= field.clientWidth"), "The legal reference is cut off.");
        await ConsoleFixture.TallScreenshotAsync(page, "editor-restricted-goods");

        // The HK approver cannot edit HK: the same sections read, with nothing to add, remove or type into.
        var approverPage = (await console.SignInAsync("Kelvin Chan")).Page;
        var approver = new ChangeRequestPage(approverPage);
        await approver.OpenAsync("HK", request.Id);
        var readOnly = new SectionEditorsPage(approverPage);
        // What changed leads for someone who reviews: above the sections, where the editor has it below them.
        var changesTop = await approverPage.GetByRole(AriaRole.Heading, new() { Name = "Changes against v1" }).EvaluateAsync<double>("h => h.getBoundingClientRect().top");
        var proposalTop = await approverPage.GetByRole(AriaRole.Heading, new() { Name = "The proposal" }).EvaluateAsync<double>("h => h.getBoundingClientRect().top");
        Assert.True(changesTop < proposalTop, $"The approver's changes ({changesTop}) are not above the proposal ({proposalTop}).");
        await readOnly.SelectItemAsync("FS-HK-CART-299");
        await Expect(readOnly.Field("Threshold")).ToHaveValueAsync("199.00");
        // Read-only rather than disabled: keyboard and screen-reader users can reach the value, nobody can change it.
        await Expect(readOnly.Field("Threshold")).Not.ToBeEditableAsync();
        await readOnly.Field("Threshold").FocusAsync();
        await Expect(readOnly.Field("Threshold")).ToBeFocusedAsync();
        await Expect(approverPage.GetByRole(AriaRole.Button, new() { Name = "Add rule" })).ToHaveCountAsync(0);
        await ConsoleFixture.TallScreenshotAsync(approverPage, "editor-read-only");
    }

    [Fact]
    public async Task TheDiff_BesideAnAddedItem_ShowsAChangedAmountOnOneLine()
    {
        var page = (await console.SignInAsync("Hana Ho")).Page;
        var request = await new ChangeRequestListPage(page).CreateAsync("HK", "Amounts read whole in the diff");
        var editors = new SectionEditorsPage(page);
        await editors.SelectItemAsync("FS-HK-CART-299");
        await editors.Field("Threshold").FillAsync("199");
        await Expect(request.Diff).ToContainTextAsync("HK$199.00");
        await editors.OpenTabAsync("Restricted goods");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Restricted goods" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Expect(request.Diff).ToContainTextAsync("RG-HK-NEW-1");

        // The added rule's JSON took the width, and "HK$299.00" stood in a column 35 pixels wide, "HK", "$29", "9.00".
        var threshold = request.Diff.GetByRole(AriaRole.Row).Filter(new() { HasText = "FS-HK-CART-299" });
        Assert.Equal(1, await threshold.Locator("td.ops-diff-old").EvaluateAsync<int>(Layout.Lines));
        Assert.Equal(1, await threshold.Locator("td.ops-diff-new").EvaluateAsync<int>(Layout.Lines));
        await ConsoleFixture.TallScreenshotAsync(page, "diff-amounts-beside-added-rule");
    }

    [Fact]
    public async Task AFindingOfTheValidationReport_GoesToItsItem_WithTheFocusOnTheFieldItNames()
    {
        var page = (await console.SignInAsync("Hana Ho")).Page;
        var request = await new ChangeRequestListPage(page).CreateAsync("HK", "Found from the report");
        var editors = new SectionEditorsPage(page);
        await editors.OpenTabAsync("Channels");

        // An error typed in the JSON, while another section is open: the report names it by path, and goes to it.
        await request.EditJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-NEW-99", "99.005"));
        var errors = page.GetByTestId("validation-errors");
        await Expect(errors).ToContainTextAsync(".threshold");
        await errors.GetByRole(AriaRole.Button, new() { Name = "Go to FS-HK-NEW-99" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Free shipping" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "FS-HK-NEW-99", Exact = false }).And(page.Locator("[aria-pressed=true]"))).ToHaveCountAsync(1);
        await Expect(editors.Field("Threshold")).ToBeFocusedAsync();
        await Expect(editors.Field("Threshold")).ToHaveValueAsync("99.005");
        await Expect(editors.MessagesOf("fs-threshold")).ToContainTextAsync("at most 2 decimals");
        await ConsoleFixture.TallScreenshotAsync(page, "report-go-to-item");

        // Nothing of this is kept: the edit is discarded and the request withdrawn.
        await request.Button("Discard").ClickAsync();
        await request.Button("Withdraw").ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(request.State).ToHaveTextAsync("Withdrawn");
    }

    [Fact]
    public async Task ASaveRefused_AtTheFootOfTheProposal_ShowsWhy_WhereTheEditorLooks()
    {
        var page = (await console.SignInAsync("Hana Ho")).Page;
        var request = await new ChangeRequestListPage(page).CreateAsync("HK", "Refused at the foot");

        // The JSON cut short: the save is refused, the text kept. The refusal is shown at the top of the page, some 1,600
        // pixels above the Save button; it was out of sight, and nothing seemed to happen.
        await request.EditJsonAsync(json => json.TrimEnd()[..^1]);
        var save = request.Button("Save");
        await save.ScrollIntoViewIfNeededAsync();
        await save.ClickAsync();
        await Expect(request.Outcome).ToContainTextAsync("nothing was saved");
        // The reason without a bare "$:" before it, here and in the validation report.
        await Expect(request.Outcome.Locator("li")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Malformed JSON at line \\d+"));
        await Expect(page.GetByTestId("parse-errors").Locator("li")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Malformed JSON at line \\d+"));
        await Expect(request.Outcome).ToBeInViewportAsync();
        await Expect(save).ToBeFocusedAsync();
        await ConsoleFixture.ScreenshotAsync(page, "save-refused-in-sight");

        await request.Button("Discard").ClickAsync();
        await request.Button("Withdraw").ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(request.State).ToHaveTextAsync("Withdrawn");
    }
}
