using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class TwoTabsJourney(ConsoleFixture console)
{
    /// <summary>
    /// Where edits were lost before (ADR 0009): two tabs on one change request, a value typed into the JSON and saved with
    /// Tab and Enter at once, so the text area's change event leaves while the first keystroke's render is on its way. Each
    /// tab in turn types over the threshold the other tab saved, which it must have been shown live, and saves.
    /// </summary>
    [Fact]
    public async Task ThresholdsTypedAndSavedAtOnce_InTurnInTwoTabs_AreEachSavedAndShownInTheOther()
    {
        var first = (await console.SignInAsync("Hana Ho")).Page;
        var inFirst = await new ChangeRequestListPage(first).CreateAsync("HK", "Typed in two tabs");
        var second = await first.Context.NewPageAsync();
        var inSecond = new ChangeRequestPage(second);
        await inSecond.OpenAsync("HK", inFirst.Id);

        var saved = "299.00";
        for (var round = 0; round < 12; round++)
        {
            var (page, request) = round % 2 == 0 ? (first, inFirst) : (second, inSecond);
            await page.BringToFrontAsync();
            // The threshold the other tab saved, here without a reload.
            await Expect(request.Json).ToHaveValueAsync(ChangeRequestPage.HasThreshold("FS-HK-CART-299", saved));

            var typed = $"{200 + round}.00";
            await request.SelectThresholdAsync("FS-HK-CART-299");
            await page.Keyboard.TypeAsync(typed);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");

            await Expect(request.Outcome).ToContainTextAsync("Saved.");
            await Expect(request.Button("Save")).ToHaveAttributeAsync("aria-disabled", "true");
            saved = typed;
        }

        await inSecond.OpenAsync("HK", inFirst.Id);
        await Expect(inSecond.Json).ToHaveValueAsync(ChangeRequestPage.HasThreshold("FS-HK-CART-299", saved));
    }

    /// <summary>
    /// A save refused because the same change request was saved in another tab, pressed at the foot of the proposal: the
    /// refusal says "what was saved meanwhile is shown above", and the panel showing it, with its "Put my edits on
    /// revision 2", must be in sight with it. Scrolled to the top of the screen, the refusal left that panel just above,
    /// out of sight.
    /// </summary>
    [Fact]
    public async Task ASaveRefused_AfterASaveInAnotherTab_ShowsWhatWasSaved_InSightWithTheRefusal()
    {
        var first = (await console.SignInAsync("Hana Ho")).Page;
        var inFirst = await new ChangeRequestListPage(first).CreateAsync("HK", "Saved in the other tab");
        await inFirst.EditJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-NEW-99", "89.00"));

        var second = await first.Context.NewPageAsync();
        var inSecond = new ChangeRequestPage(second);
        await inSecond.OpenAsync("HK", inFirst.Id);
        await inSecond.SaveJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-CART-299", "249.00"));

        await first.BringToFrontAsync();
        var save = inFirst.Button("Save");
        await save.ScrollIntoViewIfNeededAsync();
        await save.ClickAsync();
        await Expect(inFirst.Outcome).ToContainTextAsync("what was saved meanwhile is shown above");
        await Expect(inFirst.Outcome).ToBeInViewportAsync();
        await Expect(first.GetByTestId("saved-elsewhere")).ToContainTextAsync("FS-HK-CART-299");
        await Expect(inFirst.Button("Put my edits on revision 2")).ToBeInViewportAsync();
        await ConsoleFixture.ScreenshotAsync(first, "save-refused-saved-elsewhere-in-sight");

        await inFirst.Button("Put my edits on revision 2").ClickAsync();
        await save.ClickAsync();
        await Expect(inFirst.Outcome).ToContainTextAsync("Saved.");
        await Expect(inFirst.Json).ToHaveValueAsync(ChangeRequestPage.HasThreshold("FS-HK-CART-299", "249.00"));
        await Expect(inFirst.Json).ToHaveValueAsync(ChangeRequestPage.HasThreshold("FS-HK-NEW-99", "89.00"));
    }

    /// <summary>
    /// Signing out in one tab signs the others out too, at once: before, a change request open in another tab went on
    /// saving in the name of someone who had signed out (for up to 8 hours). Its unsaved edits wait in the tab for the
    /// next sign-in.
    /// </summary>
    [Fact]
    public async Task SigningOutInOneTab_TakesTheOtherToSignIn_AndItsUnsavedEditsComeBackAfterSigningIn()
    {
        var first = (await console.SignInAsync("Hana Ho")).Page;
        var request = await new ChangeRequestListPage(first).CreateAsync("HK", "Signed out in another tab");
        var second = await first.Context.NewPageAsync();
        await ShellPage.GotoAsync(second, "/");
        await request.EditJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-CART-299", "111.00"));

        // The sign-out's answer reaches the tab a moment after the server has ended the sign-in, as on a slow network:
        // the tab's own page hears the end first and must not then send the tab to the sign-in page (which, with an
        // identity provider, cut short its sign-out there). It did, now and then, without the delay.
        await second.RouteAsync("**/account/sign-out", async route =>
        {
            var answer = await route.FetchAsync(new() { MaxRedirects = 0 });
            await Task.Delay(1_500);
            await route.FulfillAsync(new() { Response = answer });
        });
        await new ShellPage(second).SignOutButton.ClickAsync();
        await Expect(second).ToHaveURLAsync(new Regex("/account/signed-out$"));

        await Expect(first).ToHaveURLAsync(new Regex("/account/sign-in\\?"));
        await first.GetByRole(AriaRole.Button, new() { Name = "Hana Ho" }).ClickAsync();
        await ShellPage.WaitUntilInteractiveAsync(first);
        Assert.Equal(request.Id, new ChangeRequestPage(first).Id);
        await Expect(request.Outcome).ToContainTextAsync("are back");
        await Expect(request.Json).ToHaveValueAsync(ChangeRequestPage.HasThreshold("FS-HK-CART-299", "111.00"));
        Assert.Equal(1, await request.RevisionAsync());
    }
}
