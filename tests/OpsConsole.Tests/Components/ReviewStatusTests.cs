using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>
/// What a change request's page says of where its review stands: how many approvals are still needed, who publishes it
/// once approved, and, for an author whose change came back, why.
/// </summary>
public sealed class ReviewStatusTests : ConsoleBunitContext
{
    private readonly ChangeRequestService service;

    public ReviewStatusTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
    }

    [Fact]
    public async Task FirstOfTwoApprovals_SaysOneMoreIsNeeded_NotThatItIsApproved()
    {
        using var culture = UiCulture.Use("en");
        SignInAsHkApprover();
        var request = await InReviewAsync(touchRestrictedGoods: true);
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => page.Find("input[name=ack]"));
        page.Find("input[name=ack]").Change(true);

        page.Button("Approve").Click();

        page.WaitForAssertion(() => Assert.Equal("Your approval is recorded. It needs 1 more approval before it can be published.",
            page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Equal("In review", page.Find("[data-testid=state]").TextContent.Trim());
        Assert.Equal("Waiting for 1 more approval, by HK approvers who neither wrote nor edited it; then an editor or approver of HK publishes it.",
            page.Find("[data-testid=next-step]").TextContent.Trim());
    }

    [Fact]
    public async Task Approved_ToAViewer_SaysWhoPublishesIt_AndOffersNoButtons()
    {
        using var culture = UiCulture.Use("en");
        AddAuthorization().SetAuthorized("Vera Viewer").SetRoles(OpsRoles.Viewer).SetClaims(new Claim(ClaimTypes.NameIdentifier, "viewer"));
        var request = await InReviewAsync(touchRestrictedGoods: false);
        Succeeded(await service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true));

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.Equal("Approved: it is not live until an editor or approver of HK publishes it as v2.",
            page.Find("[data-testid=next-step]").TextContent.Trim()));
        Assert.DoesNotContain(page.FindAll("button.rz-button"), b => b.TextContent.Contains("Publish", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejected_TheAuthorsOpenPage_DropsSubmittedForReview_AndSaysWhyAtTheTop()
    {
        using var culture = UiCulture.Use("en");
        SignInAsHkEditor();
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Free direct mail from HK$199"));
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 199m;
        request = Succeeded(await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString()));
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => page.Button("Submit for review"));
        page.Button("Submit for review").Click();
        page.WaitForAssertion(() => Assert.Equal("Submitted for review.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));

        // The approver rejects it elsewhere; the author's open page follows by itself.
        var submitted = int.Parse(page.Find("[data-testid=revision]").GetAttribute("data-revision")!, System.Globalization.CultureInfo.InvariantCulture);
        Succeeded(await service.RejectAsync(Users.HkApprover, request.Id, submitted, "HK$199 costs more than the ±3% we keep to."));

        page.WaitForAssertion(() => Assert.Equal("Draft", page.Find("[data-testid=state]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=outcome]"));
        var sentBack = page.Find("[data-testid=sent-back]");
        Assert.Contains("Sent back by Kelvin Chan", sentBack.TextContent, StringComparison.Ordinal);
        Assert.Contains("HK$199 costs more than the ±3% we keep to.", sentBack.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_AlreadyInTheBaseRelease_AreMarkedSo_NewOnesAreNot()
    {
        using var culture = UiCulture.Use("en");
        SignInAsHkApprover();
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Cheaper consolidation, and free pickup"));
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CONSOL-500")!["threshold"] = 450m;
        // A rule on the disabled pickup channel only: a warning this change brings.
        var pickup = JsonNode.Parse(json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CONSOL-500")!.ToJsonString())!;
        pickup["id"] = "FS-HK-PICKUP";
        pickup["channels"] = new JsonArray("PICKUP");
        json["freeShipping"]!.AsArray().Add(pickup);
        request = Succeeded(await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString()));
        request = Succeeded(await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=validation-warnings] li").Count));
        var warnings = page.FindAll("[data-testid=validation-warnings] li");
        // HK v1 has the two new-buyer and cart rules on one channel with different thresholds already; the approver
        // signs off on what this change brings, and sees which is which.
        var overlapping = Assert.Single(warnings, w => w.TextContent.Contains("FS-HK-NEW-99", StringComparison.Ordinal));
        Assert.Contains("already in v1", overlapping.TextContent, StringComparison.Ordinal);
        var brought = Assert.Single(warnings, w => w.TextContent.Contains("FS-HK-PICKUP", StringComparison.Ordinal));
        Assert.DoesNotContain("already in v1", brought.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)] // sent back, and edited since
    [InlineData(true, false)] // sent back, submitted again, then edited back to a draft: that rejection was answered
    public void ADraft_SaysItWasSentBack_OnlyWhenNotSubmittedSinceTheRejection(bool submittedSince, bool sentBack)
    {
        using var culture = UiCulture.Use("en");
        var submitted = new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);
        var rejected = submitted.AddMinutes(20);
        var request = new OpsConsole.Persistence.ChangeRequest
        {
            Id = 7, Site = "HK", Title = "Free direct mail from HK$199", ConfigJson = "{}", AuthorId = "hk-editor", AuthorName = "Hana Ho",
            State = OpsConsole.Persistence.ChangeRequestState.Draft,
            SubmittedAt = submittedSince ? rejected.AddMinutes(30) : submitted,
        };
        request.Comments.Add(new OpsConsole.Persistence.ChangeRequestComment
        {
            Kind = OpsConsole.Persistence.CommentKind.Rejection, AuthorId = "hk-approver", AuthorName = "Kelvin Chan", At = rejected, Text = "HK$199 costs too much.",
        });

        var status = Render<ReviewStatus>(p => p.Add(c => c.Request, request).Add(c => c.Site, OpsConsole.Domain.Sites.SiteCatalog.Get("HK")));

        Assert.Equal(sentBack, status.FindAll("[data-testid=sent-back]").Count == 1);
    }

    private async Task<OpsConsole.Persistence.ChangeRequest> InReviewAsync(bool touchRestrictedGoods)
    {
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Free direct mail from HK$199"));
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 199m;
        if (touchRestrictedGoods)
        {
            json["restrictedGoods"]![0]!["name"] = "Renamed for review";
        }

        request = Succeeded(await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString()));
        return Succeeded(await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
    }
}
