using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class RejectJourney(ConsoleFixture console)
{
    [Fact]
    public async Task ApproverRejectsWithAReason_TheAuthorReadsIt_AndWithdrawsAfterConfirming()
    {
        var editorPage = (await console.SignInAsync("Hana Ho")).Page;
        var list = new ChangeRequestListPage(editorPage);
        var request = await list.CreateAsync("HK", "Free direct mail from HK$99");
        await request.SaveJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-CART-299", "99.00"));
        await request.SubmitAsync();

        // The approver cannot reject without saying why; with a reason the request goes back to draft.
        var approverPage = (await console.SignInAsync("Kelvin Chan")).Page;
        var approver = new ChangeRequestPage(approverPage);
        await approver.OpenAsync("HK", request.Id);
        await Expect(approver.Button("Reject")).ToBeDisabledAsync();

        // On a phone the reason's box leaves Reject room beside or below it: it ran past the screen's edge, cut to "REJE".
        await approverPage.SetViewportSizeAsync(390, 844);
        Assert.True(
            await approver.Button("Reject").EvaluateAsync<bool>("button => button.getBoundingClientRect().right <= window.innerWidth && button.scrollWidth <= button.clientWidth"),
            "Reject is cut off on a phone.");
        // The diff's amounts read whole ("HK$299.00" stood a character or two a line under the short "v1" heading), and a
        // table too wide for the screen scrolls by itself rather than the page.
        var was = approver.Diff.Locator("td.ops-diff-old").First;
        await Expect(was).ToHaveTextAsync("HK$299.00");
        Assert.Equal(1, await was.EvaluateAsync<int>("td => { const range = document.createRange(); range.selectNodeContents(td); return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }"));
        Assert.True(await approverPage.Locator(".rz-body").EvaluateAsync<bool>("body => body.scrollWidth <= body.clientWidth"), "The change request is wider than a phone.");
        await ConsoleFixture.ScreenshotAsync(approverPage, "reject-on-a-phone");
        await approverPage.SetViewportSizeAsync(1280, 800);
        await approverPage.GetByRole(AriaRole.Textbox, new() { Name = "Reason for rejecting" }).FillAsync("HK$99 moves shipping fees far beyond the ±3% we keep to.");
        await approver.Button("Reject").ClickAsync();
        await Expect(approver.State).ToHaveTextAsync("Draft");

        // The author's open page follows: back in draft, with the reason under Review.
        await Expect(request.State).ToHaveTextAsync("Draft");
        await Expect(editorPage.GetByTestId("review")).ToContainTextAsync("Rejected by Kelvin Chan");
        await Expect(editorPage.GetByTestId("review")).ToContainTextAsync("HK$99 moves shipping fees far beyond the ±3% we keep to.");

        // The author's overview says it came back, from whom and why.
        var overviewPage = (await console.SignInAsync("Hana Ho")).Page;
        var mine = overviewPage.GetByRole(AriaRole.Table, new() { Name = "Your open change requests" })
            .GetByRole(AriaRole.Row).Filter(new() { HasText = $"CR-{request.Id}: Free direct mail from HK$99" });
        await Expect(mine.GetByTestId("rejected")).ToContainTextAsync("Sent back by Kelvin Chan on ");
        await Expect(mine.GetByTestId("rejected")).ToContainTextAsync("HK$99 moves shipping fees far beyond the ±3% we keep to.");
        await ConsoleFixture.ScreenshotAsync(overviewPage, "overview-sent-back");

        // The site's list finds it by a word of its title, and says so when nothing matches.
        await ShellPage.GotoAsync(overviewPage, "/sites/HK/change-requests");
        var requests = overviewPage.GetByRole(AriaRole.Grid);
        await overviewPage.GetByRole(AriaRole.Textbox, new() { Name = "Filter by title" }).FillAsync("hk$99");
        await Expect(requests.GetByRole(AriaRole.Link, new() { Name = "Free direct mail from HK$99" })).ToBeVisibleAsync();
        await Expect(requests.GetByRole(AriaRole.Row).Filter(new() { HasText = "CR-" })).ToHaveCountAsync(1);
        await overviewPage.GetByRole(AriaRole.Textbox, new() { Name = "Filter by title" }).FillAsync("nothing of the sort");
        await Expect(requests).ToContainTextAsync("No change requests match.");

        // The audit log shows the reason whole: wrapped in its column, not cut off at the column's edge.
        await ShellPage.GotoAsync(approverPage, "/audit");
        var details = approverPage.Locator("tr").Filter(new() { HasText = "HK$99 moves shipping fees" }).GetByTestId("audit-details");
        await Expect(details).ToHaveTextAsync("comment: HK$99 moves shipping fees far beyond the ±3% we keep to.");
        Assert.True(
            await details.EvaluateAsync<bool>("details => details.scrollWidth <= details.clientWidth + 1 && details.parentElement.scrollWidth <= details.parentElement.clientWidth + 1"),
            "The rejection's details run past the edge of their column in the audit log.");
        await ConsoleFixture.ScreenshotAsync(approverPage, "audit-reason");

        // Withdrawing closes it for good, so the console asks first; keeping it changes nothing.
        await request.Button("Withdraw").ClickAsync();
        var confirm = editorPage.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("It is closed for good");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(request.State).ToHaveTextAsync("Draft");

        await request.Button("Withdraw").ClickAsync();
        await editorPage.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(request.State).ToHaveTextAsync("Withdrawn");
        await Expect(request.Button("Submit for review")).ToHaveCountAsync(0);
        await Expect(request.Button("Withdraw")).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(editorPage, "cr-withdrawn");
    }
}
