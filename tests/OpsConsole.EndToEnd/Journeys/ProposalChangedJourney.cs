using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

/// <summary>
/// An approver reads a change request while its author, in another browser, changes and resubmits it (its configuration,
/// or only its title): the approver's open page says so, shows what changed since, and approves only once they say they
/// read the new proposal; and while an administrator changes how many approvals it needs, which the page says too.
/// (HK and TW, never published: no other journey sees them.)
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

    [Fact]
    public async Task AuthorChangesOnlyTheTitle_TheApproverIsToldTheOldAndNewTitle_AndTicksAsForAnyNewProposal()
    {
        var author = await new ChangeRequestListPage((await console.SignInAsync("Hana Ho")).Page).CreateAsync("HK", "Free direct mail from HK$189");
        await author.SaveJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-CART-299", "189.00"));
        await author.SubmitAsync();
        var approverPage = (await console.SignInAsync("Kelvin Chan")).Page;
        var approver = new ChangeRequestPage(approverPage);
        await approver.OpenAsync("HK", author.Id);
        await Expect(approver.State).ToHaveTextAsync("In review");

        await author.Page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Free direct mail from HK$189 for the winter sale");
        await author.Button("Save").ClickAsync();
        await Expect(author.Outcome).ToContainTextAsync("Saved.");
        await author.SubmitAsync();

        var notice = approverPage.GetByTestId("proposal-changed");
        await Expect(notice.GetByTestId("title-changed")).ToHaveTextAsync("The title was “Free direct mail from HK$189”; it is “Free direct mail from HK$189 for the winter sale” now.");
        await Expect(notice).ToContainTextAsync("The configuration is as you opened it.");
        await Expect(approver.Button("Approve")).ToBeDisabledAsync();
        await approverPage.GetByText("I have read the new proposal", new() { Exact = true }).ClickAsync();
        await approver.ApproveAsync();
        await Expect(notice).ToHaveCountAsync(0);
    }

    /// <summary>(TW, whose other journeys change no restricted goods: no other request is moved by the setting.)</summary>
    [Fact]
    public async Task AdministratorChangesTheApprovalsWhileTheApproverReads_TheApproverIsTold_AndKeepsTheReasonTyped()
    {
        var author = await new ChangeRequestListPage((await console.SignInAsync("Yu-Ting Lin")).Page).CreateAsync("TW", "At most four medicines a day");
        await author.SaveJsonAsync(json => Regex.Replace(json, @"(""id"": ""RG-TW-MED-LIMIT"",[\s\S]*?""maxQuantity"": )6", "${1}4", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await author.SubmitAsync();
        var approverPage = (await console.SignInAsync("Chia-Hao Wu")).Page;
        var approver = new ChangeRequestPage(approverPage);
        await approver.OpenAsync("TW", author.Id);
        await Expect(approverPage.GetByText("approvals 0 of 2 needed")).ToBeVisibleAsync();
        var reason = approverPage.GetByRole(AriaRole.Textbox, new() { Name = "Reason for rejecting" });
        await reason.FillAsync("Ask the pharmacists first.");

        var admin = (await console.SignInAsync("Ada Admin", "/admin")).Page;
        var twNeeds = 2;
        try
        {
            await SetTaiwansApprovalsAsync(admin, twNeeds = 1);

            var notice = approverPage.GetByTestId("approvals-changed");
            await Expect(notice).ToContainTextAsync("Ada Admin changed how many approvals a restricted-goods change of TW needs, from 2 to 1, at");
            await Expect(notice).ToContainTextAsync("it now needs 1 approval; it has 0, so it needs 1 more before it can be published.");
            await Expect(approverPage.GetByText("approvals 0 of 1 needed")).ToBeVisibleAsync();
            await Expect(reason).ToHaveValueAsync("Ask the pharmacists first.");
            await Expect(approverPage.GetByText("I have read the new proposal")).ToHaveCountAsync(0);
            await ConsoleFixture.ScreenshotAsync(approverPage, "approvals-changed");

            // Approved having read it: the notice is behind the approver, and the page's state says the rest.
            await approver.ApproveAsync();
            await Expect(notice).ToHaveCountAsync(0);
            await Expect(approverPage.GetByText("approvals 1 of 1 needed")).ToBeVisibleAsync();

            // Set back while the approver is still there: told again, and closed from the keyboard, focus staying in place.
            await SetTaiwansApprovalsAsync(admin, twNeeds = 2);
            await Expect(notice).ToContainTextAsync("from 1 to 2");
            var region = approverPage.GetByTestId("approvals-changed-region");
            await region.FocusAsync();
            await approverPage.Keyboard.PressAsync("Tab");
            await Expect(notice.GetByRole(AriaRole.Button, new() { Name = "Close this notice" })).ToBeFocusedAsync();
            await approverPage.Keyboard.PressAsync("Enter");
            await Expect(notice).ToHaveCountAsync(0);
            await Expect(region).ToBeFocusedAsync();
        }
        finally
        {
            // The other journeys share this console.
            if (twNeeds != 2)
            {
                await SetTaiwansApprovalsAsync(admin, 2);
            }
        }
    }

    private static async Task SetTaiwansApprovalsAsync(IPage admin, int approvals)
    {
        var field = admin.GetByRole(AriaRole.Spinbutton, new() { Name = "Approvals for restricted goods on TW" });
        await field.FillAsync(approvals.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await field.BlurAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the settings of TW" }).ClickAsync();
        await Expect(admin.GetByText($"TW: restricted-goods changes now need {approvals} {(approvals == 1 ? "approval" : "approvals")}")).ToBeVisibleAsync();
    }
}
