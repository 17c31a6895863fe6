using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Features.Administration;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;
using Radzen;

namespace OpsConsole.Tests.Components;

/// <summary>The site settings on the Administration page, rendered by bUnit over the real services and a real SQLite database.</summary>
public sealed class SiteSettingsPanelTests : ConsoleBunitContext
{
    public SiteSettingsPanelTests()
    {
        Services.AddSingleton(App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>());
        Services.AddSingleton(App.Services.GetRequiredService<ChangeRequestService>());
        Services.AddSingleton(App.Services.GetRequiredService<WorkflowEvents>());
        SignInAsAdmin();
    }

    [Fact]
    public void Panel_ShowsEverySitesStoredNumber_WithSaveDisabledUntilItChanges()
    {
        var panel = Render<SiteSettingsPanel>();

        panel.WaitForAssertion(() => Assert.Equal(4, panel.FindAll("input[aria-label^='Approvals for restricted goods on']").Count));
        Assert.Equal("2", panel.Find("input[aria-label='Approvals for restricted goods on HK']").GetAttribute("value"));
        Assert.True(panel.Find("button[aria-label='Save the settings of HK']").IsUnavailable());
    }

    [Fact]
    public async Task Save_StoresTheNumber_AndSaysWhatItChanged()
    {
        var panel = Render<SiteSettingsPanel>();
        panel.WaitForAssertion(() => panel.Find("input[aria-label='Approvals for restricted goods on SG']"));

        panel.Find("input[aria-label='Approvals for restricted goods on SG']").Change("1");
        // bUnit clicks disabled buttons too: check Save follows the field, as a person needs it to.
        Assert.False(panel.Find("button[aria-label='Save the settings of SG']").IsUnavailable());
        Assert.True(panel.Find("button[aria-label='Save the settings of HK']").IsUnavailable());
        panel.Find("button[aria-label='Save the settings of SG']").Click();

        panel.WaitForAssertion(() => Assert.True(panel.Find("button[aria-label='Save the settings of SG']").IsUnavailable()));
        Assert.Equal(1, await StoredAsync("SG"));
        var message = Assert.Single(Services.GetRequiredService<NotificationService>().Messages);
        Assert.Equal(NotificationSeverity.Success, message.Severity);
        Assert.Equal("SG: restricted-goods changes now need 1 approval", message.Summary);
        Assert.Equal("No open change request was affected.", message.Detail);
    }

    [Fact]
    public async Task AnotherAdministratorsSave_IsShownAtOnce_WhereNothingWasTyped()
    {
        var panel = Render<SiteSettingsPanel>();
        panel.WaitForAssertion(() => panel.Find("input[aria-label='Approvals for restricted goods on MY']"));

        Assert.True((await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "MY", 2, 3)).Succeeded);

        panel.WaitForAssertion(() => Assert.Equal("3", panel.Find("input[aria-label='Approvals for restricted goods on MY']").GetAttribute("value")));
        Assert.Equal("Set to 3 elsewhere just now.", panel.Find("[data-testid=approvals-elsewhere-MY]").TextContent.Trim());
        Assert.True(panel.Find("button[aria-label='Save the settings of MY']").IsUnavailable());
        Assert.Equal("2", panel.Find("input[aria-label='Approvals for restricted goods on HK']").GetAttribute("value"));
        Assert.Empty(panel.FindAll("[data-testid=approvals-elsewhere-HK]"));
    }

    [Fact]
    public async Task AnotherAdministratorsSave_KeepsWhatWasTyped_SaysSo_AndASaveThenReplacesItKnowingly()
    {
        var panel = Render<SiteSettingsPanel>();
        panel.WaitForAssertion(() => panel.Find("input[aria-label='Approvals for restricted goods on MY']"));
        panel.Find("input[aria-label='Approvals for restricted goods on MY']").Change("1");

        Assert.True((await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "MY", 2, 3)).Succeeded);

        panel.WaitForAssertion(() => Assert.Equal(
            "Set to 3 elsewhere since you opened the page; Save replaces it with what you typed.",
            panel.Find("[data-testid=approvals-elsewhere-MY]").TextContent.Trim()));
        Assert.Equal("1", panel.Find("input[aria-label='Approvals for restricted goods on MY']").GetAttribute("value"));
        Assert.Equal(3, await StoredAsync("MY"));

        panel.Find("button[aria-label='Save the settings of MY']").Click();

        panel.WaitForAssertion(() => Assert.Single(Services.GetRequiredService<NotificationService>().Messages));
        var message = Services.GetRequiredService<NotificationService>().Messages.Single();
        Assert.Equal(NotificationSeverity.Success, message.Severity);
        Assert.Equal("MY: restricted-goods changes now need 1 approval", message.Summary);
        Assert.Equal(1, await StoredAsync("MY"));
        Assert.Empty(panel.FindAll("[data-testid=approvals-elsewhere-MY]"));
    }

    [Fact]
    public async Task ItsOwnSave_IsNotSaidToHaveBeenMadeElsewhere()
    {
        var panel = Render<SiteSettingsPanel>();
        panel.WaitForAssertion(() => panel.Find("input[aria-label='Approvals for restricted goods on TW']"));

        panel.Find("input[aria-label='Approvals for restricted goods on TW']").Change("3");
        panel.Find("button[aria-label='Save the settings of TW']").Click();

        panel.WaitForAssertion(() => Assert.Single(Services.GetRequiredService<NotificationService>().Messages));
        Assert.Equal(3, await StoredAsync("TW"));
        Assert.Empty(panel.FindAll("[data-testid=approvals-elsewhere-TW]"));
        Assert.True(panel.Find("button[aria-label='Save the settings of TW']").IsUnavailable());
    }

    [Fact]
    public async Task EachSite_ShowsItsKnownApprovers_AndWarnsAsANumberAboveThemIsTyped()
    {
        using var culture = UiCulture.Use("en");
        await App.RecordSignInAsync(Users.Get("sea-approver"));
        await App.RecordSignInAsync(Users.Get("sea-approver-2"));

        var panel = Render<SiteSettingsPanel>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=approvers-SG]"));

        Assert.Equal("Nur Aisyah; Wei Jie Tan", panel.Find("[data-testid=approvers-SG]").TextContent.Trim());
        Assert.Empty(panel.FindAll("[data-testid=approvers-short-SG]"));
        Assert.StartsWith("None yet", panel.Find("[data-testid=approvers-HK]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(
            "2 approvals needed; approvers of HK who have signed in: 0. No change to HK's restricted goods can be published until more of them sign in.",
            panel.Find("[data-testid=approvers-short-HK]").TextContent.Trim());

        panel.Find("input[aria-label='Approvals for restricted goods on SG']").Input("3");

        Assert.Contains("3 approvals needed; approvers of SG who have signed in: 2.", panel.Find("[data-testid=approvers-short-SG]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await StoredAsync("SG")); // a warning as it is typed, nothing saved
    }

    [Fact]
    public async Task Save_OfAnUnchangedNumber_StaysInTheTabOrder_AndPressingItDoesNothing()
    {
        var panel = Render<SiteSettingsPanel>();
        panel.WaitForAssertion(() => panel.Find("button[aria-label='Save the settings of TW']"));
        var save = panel.Find("button[aria-label='Save the settings of TW']");

        Assert.Equal("true", save.GetAttribute("aria-disabled"));
        Assert.False(save.HasAttribute("disabled"));
        save.Click();

        Assert.Empty(Services.GetRequiredService<NotificationService>().Messages);
        Assert.Equal(2, await StoredAsync("TW"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("99")]
    public async Task ANumberOutsideTheRange_IsSaid_AndSaveStoresNothing(string typed)
    {
        // Radzen turned these into its minimum (or maximum), and a Save quietly stored 1: the weakest four-eyes setting.
        var panel = Render<SiteSettingsPanel>();
        panel.WaitForAssertion(() => panel.Find("input[aria-label='Approvals for restricted goods on HK']"));

        panel.Find("input[aria-label='Approvals for restricted goods on HK']").Input(typed);
        panel.Find("button[aria-label='Save the settings of HK']").Click();

        Assert.Equal("Enter a whole number from 1 to 3.", panel.Find("[data-testid=approvals-invalid-HK]").TextContent.Trim());
        Assert.Equal("true", panel.Find("button[aria-label='Save the settings of HK']").GetAttribute("aria-disabled"));
        Assert.Empty(Services.GetRequiredService<NotificationService>().Messages);
        Assert.Equal(2, await StoredAsync("HK"));
    }

    private ChangeRequestService Service => App.Services.GetRequiredService<ChangeRequestService>();

    private async Task<int> StoredAsync(string site)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        return (await db.Sites.SingleAsync(s => s.Code == site)).ApprovalsForRestrictedGoods;
    }
}
