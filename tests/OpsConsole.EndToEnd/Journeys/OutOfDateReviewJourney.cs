using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

/// <summary>
/// A change request that waits for review while another one is published: its approver cannot approve it, and is not
/// asked to, until its author has rebased it. (SG: no other journey changes it.)
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OutOfDateReviewJourney(ConsoleFixture console)
{
    // The first match is the first channel's (direct mail's) first price.
    private static readonly Regex FirstPrice = new(@"""firstPrice"": [0-9.]+", RegexOptions.None, TimeSpan.FromSeconds(1));

    [Fact]
    public async Task TwoRequestsInReview_OneIsPublished_TheOtherWaitsForItsRebaseBeforeAnApproverMayApproveIt()
    {
        // The SG editor submits two changes to different sections, both on top of v1.
        var editorPage = (await console.SignInAsync("Siti Rahman")).Page;
        var list = new ChangeRequestListPage(editorPage);
        var threshold = await list.CreateAsync("SG", "Free shipping from S$49");
        await threshold.SaveJsonAsync(ChangeRequestPage.WithThreshold("FS-SG-CART-59", "49.00"));
        await threshold.SubmitAsync();
        var thresholdId = threshold.Id;
        var price = await list.CreateAsync("SG", "Direct mail from S$4.90");
        await price.SaveJsonAsync(json => FirstPrice.Replace(json, @"""firstPrice"": 4.90", 1));
        await price.SubmitAsync();
        var priceId = price.Id;

        // One approver approves and publishes the threshold: SG is at v2.
        var firstApprover = new ChangeRequestPage((await console.SignInAsync("Wei Jie Tan")).Page);
        await firstApprover.OpenAsync("SG", thresholdId);
        await firstApprover.ApproveAsync();
        await firstApprover.PublishAsync(2);

        // The other approver's overview no longer asks her to review the price, which is still on v1...
        var secondApproverPage = (await console.SignInAsync("Nur Aisyah")).Page;
        await ShellPage.GotoAsync(secondApproverPage, "/");
        await Expect(secondApproverPage.GetByTestId("to-approve-empty").Or(secondApproverPage.GetByTestId("to-approve"))).ToBeVisibleAsync();
        await Expect(secondApproverPage.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Direct mail from S\\$4\\.90") })).ToHaveCountAsync(0);

        // ...and, opened, it says why it cannot be approved yet.
        var secondApprover = new ChangeRequestPage(secondApproverPage);
        await secondApprover.OpenAsync("SG", priceId);
        await Expect(secondApprover.State).ToHaveTextAsync("In review");
        await Expect(secondApproverPage.GetByTestId("outdated")).ToContainTextAsync("SG is now at v2; this change request is based on v1.");
        await Expect(secondApprover.Button("Approve")).ToBeDisabledAsync();
        await Expect(secondApproverPage.GetByTestId("approve-blocked")).ToHaveTextAsync("It can be approved once it is rebased onto v2.");
        // Only its author rebases it.
        await Expect(secondApproverPage.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Rebase onto v\d+$") })).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(secondApproverPage, "outdated-approver");

        // Its author's overview says what to do.
        await ShellPage.GotoAsync(editorPage, "/");
        await Expect(editorPage.GetByTestId("mine").GetByRole(AriaRole.Row).Filter(new() { HasText = "Direct mail from S$4.90" }).GetByTestId("work-outdated"))
            .ToHaveTextAsync("Out of date: rebase it onto v2.");

        // The sections differ, so the rebase needs no choice; it sends the request back to draft with the price alone against v2.
        await price.OpenAsync("SG", priceId);
        var rebase = editorPage.GetByRole(AriaRole.Button, new() { Name = "Rebase onto v2" });
        await Expect(rebase).ToBeEnabledAsync();
        await rebase.ClickAsync();
        await Expect(price.Outcome).ToContainTextAsync("Rebased onto the current release.");
        await Expect(price.State).ToHaveTextAsync("Draft");
        await Expect(price.Diff).ToContainTextAsync("S$4.90");
        await Expect(price.Diff).Not.ToContainTextAsync("S$49.00");
        await price.SubmitAsync();

        // Now the second approver is asked, may approve, and publishes it on top of the threshold.
        await ShellPage.GotoAsync(secondApproverPage, "/");
        await Expect(secondApproverPage.GetByTestId("to-approve").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Direct mail from S\\$4\\.90") })).ToBeVisibleAsync();
        await secondApprover.OpenAsync("SG", priceId);
        await Expect(secondApproverPage.GetByTestId("outdated")).ToHaveCountAsync(0);
        await secondApprover.ApproveAsync();
        await secondApprover.PublishAsync(3);
    }

}
