using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Domain.Sites;
using OpsConsole.Features;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>
/// An administrator changes how many approvals a site's restricted-goods changes need while an approver has such a change
/// request open: the page says so at the top (who, when on the site's clock, what the request needs now), keeps what the
/// approver typed, and asks for no new tick, since what is proposed has not changed (ADR 0004).
/// </summary>
public sealed class ApprovalsSettingChangedTests : ConsoleBunitContext
{
    private const string Reason = "Four a day is more than finance agreed.";
    private readonly ChangeRequestService service;

    public ApprovalsSettingChangedTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
        SignInAsHkApprover();
    }

    [Fact]
    public async Task SettingLowered_WhileAnApproverReads_IsAnnouncedWithWhoAndWhatItNeedsNow_TheReasonTypedStays_AndApproveAsksNoTick()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync();
        page.WaitForAssertion(() => Assert.Contains("approvals 0 of 2 needed", page.Markup, StringComparison.Ordinal));
        page.Find("textarea[aria-label='Reason for rejecting']").Input(Reason);
        Assert.Empty(page.FindAll("[data-testid=approvals-changed]"));

        Succeeded(await service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));

        page.WaitForAssertion(() => page.Find("[data-testid=approvals-changed]"));
        var notice = page.Find("[data-testid=approvals-changed]").TextContent;
        Assert.Contains($"Ada Admin changed how many approvals a restricted-goods change of HK needs, from 2 to 1, at {await SettingChangedAtAsync()} (HK time).", notice, StringComparison.Ordinal);
        Assert.Contains("it now needs 1 approval; it has 0, so it needs 1 more before it can be published.", notice, StringComparison.Ordinal);
        Assert.Contains("What it proposes has not changed: there is nothing new to read.", notice, StringComparison.Ordinal);
        Assert.Contains("approvals 0 of 1 needed", page.Markup, StringComparison.Ordinal);
        Assert.Equal(Reason, ReasonTyped(page));
        Assert.Empty(page.FindAll("input[name=ack-proposal]"));

        page.Button("Approve").Click();
        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=state]").TextContent.Trim()));
        Assert.Equal("Approved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim());
        // Read and acted on: the state and "approvals 1 of 1 needed" say the rest.
        Assert.Empty(page.FindAll("[data-testid=approvals-changed]"));
        Assert.Contains("approvals 1 of 1 needed", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNotice_ClosedByTheApprover_StaysClosed_UntilTheSettingChangesAgain()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync();
        page.WaitForAssertion(() => Assert.Contains("approvals 0 of 2 needed", page.Markup, StringComparison.Ordinal));
        Succeeded(await service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));
        page.WaitForAssertion(() => page.Find("[data-testid=approvals-changed]"));

        // A button of its own (Tab reaches it, Enter and Space press it), named for what it does.
        var close = page.Find("[data-testid=approvals-changed] button[aria-label='Close this notice']");
        Assert.NotEqual("-1", close.GetAttribute("tabindex"));
        close.Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=approvals-changed]")));
        Assert.Contains("approvals 0 of 1 needed", page.Markup, StringComparison.Ordinal);
        // Focus, lost with the button, goes where the notice was.
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "opsConsole.focusIfLost");

        // Another write to the request reads it again: what was closed is not told again.
        var revision = int.Parse(page.Find("[data-testid=revision]").GetAttribute("data-revision")!, System.Globalization.CultureInfo.InvariantCulture);
        Succeeded(await service.ApproveAsync(Users.HkApprover2, shown!.Id, revision, acknowledgeWarnings: true));
        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=state]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=approvals-changed]"));

        // A change after it is news, from the number the page showed when it was closed.
        Succeeded(await service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 1, approvals: 3));
        page.WaitForAssertion(() => Assert.Contains("from 1 to 3", page.Find("[data-testid=approvals-changed]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SettingRaisedOnAnotherConsole_RejectPressedOnTheOldRevision_IsRefusedPlainly_AndTheReasonIsKeptToSendAgain()
    {
        using var culture = UiCulture.Use("en");
        Succeeded(await service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));
        var page = await RenderInReviewAsync(approvedBy: Users.HkApprover2);
        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=state]").TextContent.Trim()));
        page.Find("textarea[aria-label='Reason for rejecting']").Input(Reason);

        // Another console instance: this page hears nothing of it, and acts on the revision it shows.
        Succeeded(await ElsewhereAsync().SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 1, approvals: 2));
        page.Button("Reject").Click();

        page.WaitForAssertion(() => Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim()));
        var applied = await AppliedAtAsync();
        Assert.Equal(
            $"At {applied} (HK time), after you opened CR-{shown!.Id}, Ada Admin changed how many approvals a restricted-goods change of HK needs: CR-{shown.Id} now needs 2 approvals, has 1 and is in review. Nothing was recorded, and your input is kept: look at it again, then act.",
            page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim());
        Assert.Contains("from 1 to 2", page.Find("[data-testid=approvals-changed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("it has 1, so it needs 1 more", page.Find("[data-testid=approvals-changed]").TextContent, StringComparison.Ordinal);
        Assert.Equal(Reason, ReasonTyped(page));

        page.Button("Reject").Click();
        page.WaitForAssertion(() => Assert.Equal("Draft", page.Find("[data-testid=state]").TextContent.Trim()));
        Assert.Contains(Reason, page.Find("[data-testid=sent-back]").TextContent, StringComparison.Ordinal);
        // Sent back having read it: the notice is behind the approver.
        Assert.Empty(page.FindAll("[data-testid=approvals-changed]"));
    }

    [Fact]
    public async Task SettingRaisedOnAnotherConsole_ApprovePressed_CountsAndSaysHowManyMoreItNeedsNow()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync();
        page.WaitForAssertion(() => Assert.Contains("approvals 0 of 2 needed", page.Markup, StringComparison.Ordinal));

        // Nothing moves (no request had enough), so the approval is of the revision there: it counts, one of three now.
        Succeeded(await ElsewhereAsync().SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 3));
        page.Button("Approve").Click();

        page.WaitForAssertion(() => Assert.Equal("Your approval is recorded. It needs 2 more approvals before it can be published.",
            page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        // Brought to light by the approval itself, unseen before it: it stays, to say why two more.
        Assert.Contains("from 2 to 3", page.Find("[data-testid=approvals-changed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("approvals 1 of 3 needed", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANoticeInTraditionalChinese()
    {
        using var culture = UiCulture.Use("zh-Hant");
        var page = await RenderInReviewAsync();
        page.WaitForAssertion(() => page.Find("[data-testid=state]"));

        Succeeded(await service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 3));

        page.WaitForAssertion(() => page.Find("[data-testid=approvals-changed]"));
        var notice = page.Find("[data-testid=approvals-changed]").TextContent;
        Assert.Contains($"Ada Admin 於 {await SettingChangedAtAsync()}（HK 時間）將 HK 禁限售商品變更所需的核准數由 2 改為 3。", notice, StringComparison.Ordinal);
        Assert.Contains("現在需要 3 位核准；已有 0 位，發佈前還需要 3 位。", notice, StringComparison.Ordinal);
        // Its close button is named in the console's language too.
        Assert.NotNull(page.Find("[data-testid=approvals-changed] button[aria-label='關閉此通知']"));
    }

    [Fact]
    public async Task ARequestThatDoesNotTouchRestrictedGoods_IsNotToldOfTheSetting()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync(restrictedGoods: false);
        page.WaitForAssertion(() => Assert.Contains("approvals 0 of 1 needed", page.Markup, StringComparison.Ordinal));

        Succeeded(await service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 3));
        await Task.Delay(300);

        page.WaitForAssertion(() => Assert.Contains("approvals 0 of 1 needed", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=approvals-changed]"));
    }

    private ChangeRequest? shown;

    /// <summary>The same workflow on another console instance, whose events this page does not hear.</summary>
    private ChangeRequestService ElsewhereAsync() =>
        ActivatorUtilities.CreateInstance<ChangeRequestService>(App.Services, new WorkflowEvents(Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkflowEvents>.Instance));

    private static string? ReasonTyped(IRenderedComponent<ChangeRequestPage> page) =>
        page.Find("textarea[aria-label='Reason for rejecting']").GetAttribute("value");

    private async Task<string> SettingChangedAtAsync()
    {
        await using var db = App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContext();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditActions.SiteSettingsChanged).OrderByDescending(e => e.Sequence).FirstAsync();
        return SiteClock.Show(SiteCatalog.HK, entry.At);
    }

    [Fact]
    public async Task TheNotice_GoesOnceTheRequestItTellsOfIsPublishedFromThePage()
    {
        // Lowered to what the request has, the setting approves it at once; publishing it is acting on what the notice said.
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync(approvedBy: Users.HkApprover2);
        page.WaitForAssertion(() => Assert.Contains("approvals 1 of 2 needed", page.Markup, StringComparison.Ordinal));

        Succeeded(await service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));
        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=state]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=approvals-changed]"));

        page.Button("Publish as v2").Click();

        page.WaitForAssertion(() => Assert.Equal("Published as v2.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=approvals-changed]"));
    }

    private async Task<string> AppliedAtAsync()
    {
        await using var db = App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContext();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditActions.ApprovalsRequirementApplied).OrderByDescending(e => e.Sequence).FirstAsync();
        return SiteClock.Show(SiteCatalog.HK, entry.At);
    }

    /// <summary>
    /// An HK change in review that changes restricted goods (or, if not, a threshold), without HK v1's one warning, so that
    /// nothing but this page stands between the approver and Approve; approved first by <paramref name="approvedBy"/>.
    /// </summary>
    private async Task<IRenderedComponent<ChangeRequestPage>> RenderInReviewAsync(bool restrictedGoods = true, ClaimsPrincipal? approvedBy = null)
    {
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "At most four a day"));
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        var rules = json["freeShipping"]!.AsArray();
        rules.Remove(rules.Single(r => (string?)r!["id"] == "FS-HK-NEW-99"));
        if (restrictedGoods)
        {
            json["restrictedGoods"]!.AsArray().Single(r => (string?)r!["id"] == "RG-HK-MED-LIMIT")!["maxQuantity"] = 4;
        }

        request = Succeeded(await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString()));
        shown = Succeeded(await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        if (approvedBy is not null)
        {
            shown = Succeeded(await service.ApproveAsync(approvedBy, shown.Id, shown.Revision, acknowledgeWarnings: true));
        }

        return Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, shown.Id));
    }
}
