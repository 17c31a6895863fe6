using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The audit page's filters, over the real audit log in SQLite.</summary>
public sealed class AuditPageFilterTests : ConsoleBunitContext
{
    public AuditPageFilterTests()
    {
        UseAppServices();
        SignInAsHkEditor();
    }

    [Theory]
    [InlineData("hana")]
    [InlineData("HANA HO")]
    public async Task WhoFilter_FindsTheActorWhateverTheCase(string typed)
    {
        using var culture = UiCulture.Use("en");
        Assert.True((await App.Services.GetRequiredService<ChangeRequestService>().CreateAsync(Users.HkEditor, "HK", "Someone to find")).Succeeded);
        var page = Render<OpsConsole.Features.Audit.AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        page.Find("input[aria-label='Filter by actor']").Change(typed);

        // SQLite's instr, which Contains became, minds case: "hana" found nobody.
        page.WaitForAssertion(() =>
        {
            var who = page.FindAll("tbody tr.rz-data-row").Select(r => r.Children[2].TextContent.Trim()).ToList();
            Assert.NotEmpty(who);
            Assert.All(who, w => Assert.Equal("Hana Ho", w));
        });
    }

    /// <summary>處理方式, how a restricted-goods rule handles a cart, was the audit log's word for what was done.</summary>
    [Fact]
    public void TheActionColumnAndFilter_InChinese_SayWhatWasDone()
    {
        using var culture = UiCulture.Use("zh-Hant-HK");
        var page = Render<OpsConsole.Features.Audit.AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        var titles = page.FindAll("th .rz-column-title").Select(t => t.TextContent.Trim()).ToList();
        var labels = page.FindAll(".ops-toolbar .rz-form-field-label").Select(l => l.TextContent.Trim()).ToList();

        Assert.Contains("動作", titles);
        Assert.Contains("動作", labels);
        Assert.DoesNotContain("處理方式", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Audit chain intact: ")]
    [InlineData("zh-Hant-HK", "稽核鏈完整：已驗證 ")]
    public void VerifyingTheChain_SaysSoInTheConsolesLanguage(string language, string expected)
    {
        using var culture = UiCulture.Use(language);
        var page = Render<OpsConsole.Features.Audit.AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        page.FindAll("button").Single(b => b.TextContent.Contains(OpsConsole.Localization.ConsoleTexts.T("Verify the chain"), StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.StartsWith(expected, page.Find("[data-testid=verification] .rz-alert-content").TextContent.Trim(), StringComparison.Ordinal));
    }
}
