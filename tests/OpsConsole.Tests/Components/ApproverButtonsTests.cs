using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>
/// An approver's Approve and Reject, which ticking the warnings and typing a reason make available: they stay in the Tab
/// order while there is nothing to do (marked, not disabled), and pressing them then does nothing.
/// </summary>
public sealed class ApproverButtonsTests : ConsoleBunitContext
{
    private readonly ChangeRequestService service;

    public ApproverButtonsTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
        SignInAsHkApprover();
    }

    [Fact]
    public async Task Approve_UntilTheWarningsAreAcknowledged_IsMarkedNotDisabled_AndDoesNothing()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewWithAWarningAsync();
        page.WaitForAssertion(() => Assert.Equal("true", page.Button("Approve").GetAttribute("aria-disabled")));

        Assert.False(page.Button("Approve").HasAttribute("disabled"));
        page.Button("Approve").Click();
        Assert.Empty(page.FindAll("[data-testid=outcome]"));
        Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim());

        page.Find("input[name=ack]").Change(true);
        Assert.False(page.Button("Approve").IsUnavailable());
        page.Button("Approve").Click();
        page.WaitForAssertion(() => Assert.Equal("Approved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
    }

    [Fact]
    public async Task Reject_UntilAReasonIsTyped_IsMarkedNotDisabled_AndDoesNothing()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewWithAWarningAsync();
        page.WaitForAssertion(() => Assert.Equal("true", page.Button("Reject").GetAttribute("aria-disabled")));

        Assert.False(page.Button("Reject").HasAttribute("disabled"));
        page.Button("Reject").Click();
        Assert.Empty(page.FindAll("[data-testid=outcome]"));

        page.Find("textarea[aria-label='Reason for rejecting']").Input("\u200B");
        Assert.True(page.Button("Reject").IsUnavailable());

        page.Find("textarea[aria-label='Reason for rejecting']").Input("HK$199 is below what the business keeps.");
        Assert.False(page.Button("Reject").IsUnavailable());
        page.Button("Reject").Click();
        page.WaitForAssertion(() => Assert.Equal("Draft", page.Find("[data-testid=state]").TextContent.Trim()));
    }

    [Fact]
    public async Task RejectReason_TakesSeveralLines_AndShowsItsCountNearTheLimit()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewWithAWarningAsync();
        page.WaitForAssertion(() => page.Find("textarea[aria-label='Reason for rejecting']"));
        var box = page.Find("textarea[aria-label='Reason for rejecting']");
        Assert.Equal(ChangeRequestService.ReasonMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), box.GetAttribute("maxlength"));

        box.Input("1. The threshold is below the floor.");
        Assert.Equal("", page.Find("[data-testid=reject-reason-count]").TextContent);

        page.Find("textarea[aria-label='Reason for rejecting']").Input(new string('x', 3_700));
        Assert.Equal("3,700 of 4,000 characters", page.Find("[data-testid=reject-reason-count]").TextContent);

        const string Reason = "1. HK$199 is below what the business keeps.\n2. The promise text in zh-Hant-HK still says 5 days.";
        page.Find("textarea[aria-label='Reason for rejecting']").Input(Reason);
        page.Button("Reject").Click();
        page.WaitForAssertion(() => Assert.Equal("Draft", page.Find("[data-testid=state]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Contains(Reason, page.Find("[data-testid=sent-back] .ops-sent-back").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WarningsAcknowledged_ThenANewProposalArrives_MustBeAcknowledgedAgain()
    {
        using var culture = UiCulture.Use("en");
        var page = await RenderInReviewWithAWarningAsync();
        page.WaitForAssertion(() => page.Find("input[name=ack]"));
        page.Find("input[name=ack]").Change(true);
        Assert.False(page.Button("Approve").IsUnavailable());

        // Meanwhile the author changes the threshold again and resubmits; the open page follows the change by itself.
        var request = shown!;
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 9m;
        request = (await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString())).Value!;
        Assert.True((await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision)).Succeeded);

        // The tick was for HK$199's warning; HK$9's must be read before Approve acts.
        page.WaitForAssertion(() => Assert.Contains("HK$9.00", page.Find("[data-testid=diff]").TextContent, StringComparison.Ordinal));
        Assert.False(page.Find("input[name=ack]").HasAttribute("checked"));
        Assert.True(page.Button("Approve").IsUnavailable());
    }

    [Fact]
    public async Task WarningsAcknowledged_ThenAnotherApproverApproves_TheTickStaysAndApproveCounts()
    {
        using var culture = UiCulture.Use("en");
        // Restricted goods changed too: HK needs two approvals.
        var page = await RenderInReviewWithAWarningAsync(json => json["restrictedGoods"]![0]!["name"] = "Renamed for review");
        page.WaitForAssertion(() => page.Find("input[name=ack]"));
        page.Find("input[name=ack]").Change(true);

        // The other approver's approval is a new revision of the same proposal; the open page follows it by itself. The
        // tick was cleared with it, and Approve had to be ticked again for warnings already read.
        Assert.True((await service.ApproveAsync(Users.HkApprover2, shown!.Id, shown.Revision, acknowledgeWarnings: true)).Succeeded);
        page.WaitForAssertion(() => Assert.Contains("Approved by", page.Markup, StringComparison.Ordinal));

        Assert.True(page.Find("input[name=ack]").HasAttribute("checked"));
        page.Button("Approve").Click();
        page.WaitForAssertion(() => Assert.Equal("Approved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Equal("Approved", page.Find("[data-testid=state]").TextContent.Trim());
    }

    private OpsConsole.Persistence.ChangeRequest? shown;

    private async Task<IRenderedComponent<ChangeRequestPage>> RenderInReviewWithAWarningAsync(Action<JsonObject>? alsoChange = null)
    {
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Free direct mail from HK$199")).Value!;
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        // HK$199 overlaps the new-buyer rule (HK$99) on the same channel: one warning, for the approver to acknowledge.
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 199m;
        alsoChange?.Invoke(json);
        request = (await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString())).Value!;
        request = (await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision)).Value!;
        shown = request;
        return Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
    }
}
