using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class RebaseJourney(ConsoleFixture console)
{
    [Fact]
    public async Task TwoChangesToOneRule_TheOtherIsPublishedFirst_TheEditorChoosesASideAndRebases_ThenAnAdministratorRollsBack_AndTheEditorProposesGoingForwardAgain()
    {
        // The TW editor proposes two thresholds for the same rule, both on top of the current release.
        var editorPage = (await console.SignInAsync("Yu-Ting Lin")).Page;
        var list = new ChangeRequestListPage(editorPage);
        var first = await list.CreateAsync("TW", "Free shipping from NT$1,200");
        await first.SaveJsonAsync(ChangeRequestPage.WithThreshold("FS-TW-CART-990", "1200"));
        await first.SubmitAsync();
        var firstId = first.Id;
        var second = await list.CreateAsync("TW", "Free shipping from NT$1,500");
        await second.SaveJsonAsync(ChangeRequestPage.WithThreshold("FS-TW-CART-990", "1500"));
        var secondId = second.Id;

        // The TW approver approves and publishes the first.
        var approverPage = (await console.SignInAsync("Chia-Hao Wu")).Page;
        var approver = new ChangeRequestPage(approverPage);
        await approver.OpenAsync("TW", firstId);
        await approver.ApproveAsync();
        await approver.PublishAsync(2);

        // The second is now out of date; both sides changed free shipping, so the editor must choose before rebasing.
        await second.OpenAsync("TW", secondId);
        var outdated = editorPage.GetByTestId("outdated");
        await Expect(outdated).ToContainTextAsync("Both sides changed freeShipping");
        // Nobody reviews a change that cannot be published as it stands.
        await Expect(second.Button("Submit for review")).ToBeDisabledAsync();
        await Expect(editorPage.GetByTestId("submit-blocked")).ToHaveTextAsync("Rebase it onto v2 before submitting.");
        var rebase = editorPage.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Rebase onto v\d+$") });
        await Expect(rebase).ToBeDisabledAsync();
        await Expect(editorPage.GetByTestId("rebase-blocked")).ToHaveTextAsync("Choose a side for freeShipping first.");
        await ConsoleFixture.ScreenshotAsync(editorPage, "rebase-choose");

        // By keyboard: a side chosen, Tab goes straight on to Rebase (it is never disabled, only marked until then, so a
        // Tab pressed before the server has the choice still stops on it), and Enter rebases.
        var keyboard = new KeyboardUser(editorPage);
        await keyboard.TabToAsync(editorPage.GetByRole(AriaRole.Radiogroup, new() { Name = "Resolution for freeShipping" }), limit: 60);
        await keyboard.PressAsync("Space");
        await keyboard.TabToAsync(rebase, limit: 3);
        await Expect(outdated.GetByRole(AriaRole.Radio, new() { Name = "Keep mine" })).ToBeCheckedAsync();
        await Expect(rebase).ToBeEnabledAsync();
        await keyboard.PressAsync("Enter");

        await Expect(second.Outcome).ToContainTextAsync("Rebased onto the current release.");
        await Expect(outdated).ToHaveCountAsync(0);
        await Expect(second.State).ToHaveTextAsync("Draft");
        // Against its new base, the proposal is exactly the editor's own threshold over the published one.
        await Expect(second.Diff).ToContainTextAsync("NT$1,200");
        await Expect(second.Diff).ToContainTextAsync("NT$1,500");
        await ConsoleFixture.ScreenshotAsync(editorPage, "rebase-done");

        // Checkout misbehaves on the published threshold: an administrator puts the first release back at once, with a reason.
        var adminPage = (await console.SignInAsync("Ada Admin", "/sites/TW/releases")).Page;
        var releases = new ReleasesPage(adminPage);
        await Expect(releases.History).ToContainTextAsync("Free shipping from NT$1,200");
        var rollBack = adminPage.GetByRole(AriaRole.Button, new() { Name = "Roll back now" });
        await Expect(rollBack).ToBeDisabledAsync();
        await adminPage.Locator(".rz-dropdown").Filter(new() { HasText = "Version" }).ClickAsync();
        await adminPage.GetByRole(AriaRole.Option, new() { Name = "v1", Exact = true }).ClickAsync();
        await adminPage.GetByRole(AriaRole.Textbox, new() { Name = "Reason for the emergency rollback" }).FillAsync("Checkout shows NT$1,200 to buyers who were promised NT$990");
        await rollBack.ClickAsync();
        var confirm = adminPage.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("Publish v1's configuration for TW now, without review?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Roll back now" }).ClickAsync();

        await Expect(adminPage.GetByText("Published v3 with v1's configuration.")).ToBeVisibleAsync();
        await Expect(releases.History.Locator("tbody tr").First).ToContainTextAsync("v3");
        // TW moved on again: the rebased change request is out of date once more.
        await second.OpenAsync("TW", secondId);
        await Expect(editorPage.GetByTestId("outdated")).ToContainTextAsync("TW is now at v3");

        // Once checkout is fixed, the editor proposes going back to v2 the reviewed way: a change request with v2's configuration.
        var editorReleases = new ReleasesPage(editorPage);
        await editorReleases.OpenAsync("TW");
        var rollback = await ChangeRequestPage.OpenByAsync(editorPage, editorPage.GetByRole(AriaRole.Button, new() { Name = "Propose rollback to v2", Exact = true }));
        await Expect(editorPage).ToHaveURLAsync(new Regex(@"/sites/TW/change-requests/\d+$"));
        await Expect(editorPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Roll back to v2");
        await Expect(rollback.State).ToHaveTextAsync("Draft");
        await Expect(rollback.Diff).ToContainTextAsync("NT$990");
        await Expect(rollback.Diff).ToContainTextAsync("NT$1,200");
    }
}
