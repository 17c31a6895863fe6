using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Domain.Sites;
using OpsConsole.Features;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The review list of a change request's page (who approved or sent it back, when, and why), as each language reads it.</summary>
public sealed class ReviewListTests : ConsoleBunitContext
{
    private static readonly SiteInfo Hk = SiteCatalog.Get("HK");
    private readonly ChangeRequestService service;

    public ReviewListTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
        SignInAsHkEditor();
    }

    [Theory]
    [InlineData("en", "Approved by Kelvin Chan at {0} (HK time), warnings acknowledged")]
    [InlineData("zh-Hant", "Kelvin Chan 於 {0}（HK 時間）核准，已確認警告")]
    public async Task AnApproval_ReadsAsOneSentence_WithTheApproversNameInBold(string language, string expected)
    {
        // In Chinese the name stood between a label and a clause of its own: "核准人 Kelvin Chan ，時間 …", a space before
        // the comma included.
        using var culture = UiCulture.Use(language);
        var request = await InReviewAsync();
        var approved = (await service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true)).Value!;

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=review] li")));
        var item = page.Find("[data-testid=review] li");
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, SiteClock.Show(Hk, approved.Approvals.Single().At)), item.TextContent.Trim());
        Assert.Equal("Kelvin Chan", item.QuerySelector("strong")!.TextContent);
    }

    [Theory]
    [InlineData("en", "Rejected by Kelvin Chan at {0} (HK time): “Too low before the sale”", "“Too low before the sale”")]
    [InlineData("zh-Hant", "Kelvin Chan 於 {0}（HK 時間）退回：「Too low before the sale」", "「Too low before the sale」")]
    public async Task ARejection_QuotesTheReasonAsTheLanguageDoes(string language, string expected, string quoted)
    {
        using var culture = UiCulture.Use(language);
        var request = await InReviewAsync();
        var rejected = (await service.RejectAsync(Users.HkApprover, request.Id, request.Revision, "Too low before the sale")).Value!;

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=review] li")));
        var item = page.Find("[data-testid=review] li");
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, SiteClock.Show(Hk, rejected.Comments.Single().At)), item.TextContent.Trim());
        Assert.Equal("Kelvin Chan", item.QuerySelector("strong")!.TextContent);
        Assert.Equal(quoted, page.Find("[data-testid=sent-back] .ops-sent-back").TextContent.Trim());
    }

    private async Task<OpsConsole.Persistence.ChangeRequest> InReviewAsync()
    {
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Free direct mail from HK$249")).Value!;
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 249m;
        request = (await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString())).Value!;
        return (await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision)).Value!;
    }
}
