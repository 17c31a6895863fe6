using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Features;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>
/// An approver reading a change request while its author changes and resubmits it: the open page follows by itself, and
/// says so at the top, with what changed since, and Approve waits until the approver says they read the new proposal.
/// </summary>
public sealed class ProposalChangedTests : ConsoleBunitContext
{
    private readonly ChangeRequestService service;

    public ProposalChangedTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
        SignInAsHkApprover();
    }

    [Fact]
    public async Task ProposalChangedAndResubmitted_WhileOpen_IsAnnounced_AndApproveWaitsUntilTheNewOneIsRead()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync(threshold: 199m);
        page.WaitForAssertion(() => Assert.False(page.Button("Approve").IsUnavailable()));
        Assert.Empty(page.FindAll("[data-testid=proposal-changed]"));

        // The author takes it back to draft by editing it, and resubmits, while the approver reads.
        var edited = Succeeded(await service.SaveAsync(Users.HkEditor, shown!.Id, shown.Revision, shown.Title, WithThreshold(shown.ConfigJson, 149m)));
        page.WaitForAssertion(() => Assert.Equal("Draft", page.Find("[data-testid=state]").TextContent.Trim()));
        Assert.Contains("Hana Ho changed it at", page.Find("[data-testid=proposal-changed]").TextContent, StringComparison.Ordinal);
        Succeeded(await service.SubmitAsync(Users.HkEditor, edited.Id, edited.Revision));
        page.WaitForAssertion(() => Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim()));

        var notice = page.Find("[data-testid=proposal-changed]");
        Assert.Contains($"after revision {shown.Revision}, which you opened", notice.TextContent, StringComparison.Ordinal);
        var changed = notice.QuerySelector("[data-testid=diff]")!.TextContent;
        Assert.Contains("HK$199.00", changed, StringComparison.Ordinal);
        Assert.Contains("HK$149.00", changed, StringComparison.Ordinal);

        // Approve, pressed now, would approve what was never read: it does nothing.
        Assert.True(page.Button("Approve").IsUnavailable());
        page.Button("Approve").Click();
        Assert.Empty(page.FindAll("[data-testid=outcome]"));
        Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim());

        page.Find("input[name=ack-proposal]").Change(true);
        Assert.False(page.Button("Approve").IsUnavailable());
        page.Button("Approve").Click();
        page.WaitForAssertion(() => Assert.Equal("Approved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Equal("Approved", page.Find("[data-testid=state]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=proposal-changed]"));
    }

    [Fact]
    public async Task NewProposalAcknowledged_ThenChangedAgain_MustBeAcknowledgedAgain()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync(threshold: 199m);
        page.WaitForAssertion(() => Assert.False(page.Button("Approve").IsUnavailable()));
        var second = await ResubmitAsync(shown!, 149m);
        page.WaitForAssertion(() => page.Find("input[name=ack-proposal]"));
        page.Find("input[name=ack-proposal]").Change(true);

        await ResubmitAsync(second, 129m);

        page.WaitForAssertion(() => Assert.Contains("HK$129.00", page.Find("[data-testid=proposal-changed] [data-testid=diff]").TextContent, StringComparison.Ordinal));
        // What changed is told against what was read last: HK$149, not HK$199.
        Assert.Contains("HK$149.00", page.Find("[data-testid=proposal-changed] [data-testid=diff]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("HK$199.00", page.Find("[data-testid=proposal-changed] [data-testid=diff]").TextContent, StringComparison.Ordinal);
        Assert.False(page.Find("input[name=ack-proposal]").HasAttribute("checked"));
        Assert.True(page.Button("Approve").IsUnavailable());
    }

    [Fact]
    public async Task AnotherApproversApproval_IsNoChangeOfTheProposal_AndAsksNothingMore()
    {
        using var culture = UiCulture.Use("en");
        // Restricted goods changed too: HK needs two approvals.
        var page = await RenderInReviewAsync(threshold: 199m, json => json["restrictedGoods"]![0]!["name"] = "Renamed for review");
        page.WaitForAssertion(() => Assert.False(page.Button("Approve").IsUnavailable()));

        Succeeded(await service.ApproveAsync(Users.HkApprover2, shown!.Id, shown.Revision, acknowledgeWarnings: true));

        page.WaitForAssertion(() => Assert.Contains("Approved by", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=proposal-changed]"));
        Assert.Empty(page.FindAll("input[name=ack-proposal]"));
        page.Button("Approve").Click();
        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=state]").TextContent.Trim()));
    }

    [Fact]
    public async Task RejectedAndResubmittedUnchanged_IsTheProposalRead_AndAsksNothingMore()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync(threshold: 199m);
        page.WaitForAssertion(() => Assert.False(page.Button("Approve").IsUnavailable()));

        var rejected = Succeeded(await service.RejectAsync(Users.HkApprover2, shown!.Id, shown.Revision, "Check with finance first."));
        Succeeded(await service.SubmitAsync(Users.HkEditor, rejected.Id, rejected.Revision));

        page.WaitForAssertion(() => Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=proposal-changed]"));
        Assert.False(page.Button("Approve").IsUnavailable());
    }

    [Fact]
    public async Task OnlyTheTitleChangedAndResubmitted_WhileOpen_IsAnnouncedOldToNew_AndApproveWaitsForTheSameTick()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync(threshold: 199m);
        page.WaitForAssertion(() => Assert.False(page.Button("Approve").IsUnavailable()));

        var edited = Succeeded(await service.SaveAsync(Users.HkEditor, shown!.Id, shown.Revision, "Free direct mail from less, for the winter sale", shown.ConfigJson));
        Succeeded(await service.SubmitAsync(Users.HkEditor, edited.Id, edited.Revision));

        page.WaitForAssertion(() => Assert.Equal("The title was “Free direct mail from less”; it is “Free direct mail from less, for the winter sale” now.",
            page.Find("[data-testid=proposal-changed] [data-testid=title-changed]").TextContent.Trim()));
        Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim());
        Assert.Contains("Hana Ho changed it at", page.Find("[data-testid=proposal-changed]").TextContent, StringComparison.Ordinal);
        Assert.Equal("The configuration is as you opened it.", page.Find("[data-testid=proposal-changed] [data-testid=diff-empty]").TextContent.Trim());
        Assert.True(page.Button("Approve").IsUnavailable());

        page.Find("input[name=ack-proposal]").Change(true);
        page.Button("Approve").Click();
        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=state]").TextContent.Trim()));
    }

    [Fact]
    public async Task TitleChangedOnAnotherConsole_ApprovePressed_IsRefusedSayingWhatChangedByWhomInSiteTime_ThenAnnounced()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewAsync(threshold: 199m);
        page.WaitForAssertion(() => Assert.False(page.Button("Approve").IsUnavailable()));
        Assert.Equal(ConfigurationJson.Sha256(ChangeRequestService.Parse(shown!.ConfigJson)), page.Find("[data-testid=proposal-hash]").GetAttribute("data-hash"));

        // Another console instance: this page hears nothing, and still shows (and approves) the title read.
        var elsewhere = ActivatorUtilities.CreateInstance<ChangeRequestService>(App.Services, new WorkflowEvents(Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkflowEvents>.Instance));
        var edited = Succeeded(await elsewhere.SaveAsync(Users.HkEditor, shown.Id, shown.Revision, "Free direct mail from less, all winter", shown.ConfigJson));
        var resubmitted = Succeeded(await elsewhere.SubmitAsync(Users.HkEditor, edited.Id, edited.Revision));
        page.Button("Approve").Click();

        var at = SiteClock.Show(SiteCatalog.HK, resubmitted.ProposalChangedAt!.Value);
        page.WaitForAssertion(() => Assert.Equal(
            $"The title of CR-{shown.Id} was changed from “Free direct mail from less” to “Free direct mail from less, all winter” by Hana Ho at {at} (HK time), after you opened it: the proposal is not the one you read, and your approval was not recorded. Read the new proposal, then approve it.",
            page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Contains("it is “Free direct mail from less, all winter” now", page.Find("[data-testid=title-changed]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Button("Approve").IsUnavailable());
        Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim());
    }

    [Fact]
    public async Task ARollbackRebasedAndResubmitted_WhileOpen_IsAnnounced_ThoughItProposesTheSame_AndApproveWaitsUntilItIsRead()
    {
        using var culture = UiCulture.Use("en");
        await PublishLowerHkThresholdAsync();
        var rollback = Succeeded(await service.CreateRollbackAsync(Users.HkEditor, "HK", 1));
        rollback = Succeeded(await service.SubmitAsync(Users.HkEditor, rollback.Id, rollback.Revision));
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, rollback.Id));
        page.WaitForAssertion(() => Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim()));

        // v3 is published while the approver reads: rolling back to v1 now also undoes v3's change, which the rebase shows.
        await PublishHkAsync("Lower the threshold again", json => json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 229m);
        var rebased = Succeeded(await service.RebaseAsync(Users.HkEditor, rollback.Id, (await ReadAsync(rollback.Id)).Revision));
        Assert.Equal(rollback.ConfigJson, rebased.ConfigJson);
        Succeeded(await service.SubmitAsync(Users.HkEditor, rebased.Id, rebased.Revision));

        page.WaitForAssertion(() => Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal(
            "It was rebased from v2 onto v3: what it changes, its warnings and the preview are now compared with v3.",
            page.Find("[data-testid=proposal-changed] [data-testid=base-changed]").TextContent.Trim()));
        Assert.Contains("Hana Ho changed it at", page.Find("[data-testid=proposal-changed]").TextContent, StringComparison.Ordinal);
        Assert.Equal("The configuration is as you opened it.", page.Find("[data-testid=proposal-changed] [data-testid=diff-empty]").TextContent.Trim());
        Assert.Contains("HK$229.00", page.Find("[data-testid=diff]").TextContent, StringComparison.Ordinal);

        page.Find("input[name=ack]").Change(true);
        Assert.True(page.Button("Approve").IsUnavailable());
        page.Find("input[name=ack-proposal]").Change(true);
        page.Button("Approve").Click();
        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=state]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=proposal-changed]"));
    }

    private async Task<ChangeRequest> ReadAsync(int id)
    {
        await using var db = await App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ChangeRequests, c => c.Id == id);
    }

    private ChangeRequest? shown;

    private async Task<ChangeRequest> ResubmitAsync(ChangeRequest request, decimal threshold)
    {
        var edited = Succeeded(await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, WithThreshold(request.ConfigJson, threshold)));
        return Succeeded(await service.SubmitAsync(Users.HkEditor, edited.Id, edited.Revision));
    }

    /// <summary>
    /// HK's cart threshold set to <paramref name="threshold"/>, with HK's new-buyer rule (whose overlap is HK v1's one
    /// warning) removed: no warning to tick, so nothing but this page stands between a new proposal and Approve.
    /// </summary>
    private async Task<IRenderedComponent<ChangeRequestPage>> RenderInReviewAsync(decimal threshold, Action<JsonObject>? alsoChange = null)
    {
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Free direct mail from less"));
        var json = JsonNode.Parse(WithThreshold(request.ConfigJson, threshold))!.AsObject();
        var rules = json["freeShipping"]!.AsArray();
        rules.Remove(rules.Single(r => (string?)r!["id"] == "FS-HK-NEW-99"));
        alsoChange?.Invoke(json);
        request = Succeeded(await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString()));
        shown = Succeeded(await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        return Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, shown.Id));
    }

    private static string WithThreshold(string configJson, decimal threshold)
    {
        var json = JsonNode.Parse(configJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = threshold;
        return json.ToJsonString();
    }
}
