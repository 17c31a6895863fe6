using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

/// <summary>
/// An approver reads a change request while its author, in another browser, changes and resubmits it: the approver's
/// open page says so, shows what changed since, and approves only once they say they read the new proposal.
/// (HK, never published: no other journey sees it.)
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProposalChangedJourney(ConsoleFixture console)
{
    [Fact]
    public async Task AuthorResubmitsWhileTheApproverReads_TheApproverIsTold_AndApprovesOnlyTheProposalRead()
    {
        var author = await new ChangeRequestListPage((await console.SignInAsync("Hana Ho")).Page).CreateAsync("HK", "Free direct mail from HK$199, to be read twice");
        await author.SaveJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-CART-299", "199.00"));
        await author.SubmitAsync();

        var approverPage = (await console.SignInAsync("Kelvin Chan")).Page;
        var approver = new ChangeRequestPage(approverPage);
        await approver.OpenAsync("HK", author.Id);
        await Expect(approver.State).ToHaveTextAsync("In review");
        await Expect(approverPage.GetByTestId("proposal-changed")).ToHaveCountAsync(0);

        // Editing takes it back to a draft; the author submits the new threshold again.
        await author.SaveJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-CART-299", "149.00"));
        await author.SubmitAsync();

        var notice = approverPage.GetByTestId("proposal-changed");
        await Expect(notice).ToContainTextAsync("Hana Ho changed it at");
        await Expect(notice.GetByTestId("diff")).ToContainTextAsync("HK$199.00");
        await Expect(notice.GetByTestId("diff")).ToContainTextAsync("HK$149.00");
        await Expect(approver.State).ToHaveTextAsync("In review");
        await Expect(approver.Button("Approve")).ToBeDisabledAsync();

        await approverPage.GetByText("I have read the new proposal", new() { Exact = true }).ClickAsync();
        await approver.ApproveAsync();
        await Expect(notice).ToHaveCountAsync(0);
    }
}
