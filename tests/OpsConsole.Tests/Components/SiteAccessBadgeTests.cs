using Bunit;
using OpsConsole.Auth;
using OpsConsole.Localization;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>What the badge at the top of a site's pages says the signed-in person may do there.</summary>
public sealed class SiteAccessBadgeTests : BunitContext
{
    public SiteAccessBadgeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    [Theory]
    [InlineData("Editor:HK", "You can edit HK")]
    [InlineData("Approver:HK", "You can approve HK")]
    [InlineData("Viewer", "Read-only for HK")]
    [InlineData("Editor:TW", "Read-only for HK")]
    public void SaysWhatThePersonMayDoOnTheSite(string role, string expected)
    {
        using var culture = UiCulture.Use("en");
        AddAuthorization().SetAuthorized("Someone").SetRoles(role);

        Assert.Equal(expected, Badge("HK"));
    }

    /// <summary>
    /// An administrator read "Read-only for MY" above the releases page's "Roll back now", which publishes at once: the
    /// badge said less than the page let them do.
    /// </summary>
    [Fact]
    public void AnAdministrator_IsToldTheyCanRollTheSiteBackInAnEmergency()
    {
        using var culture = UiCulture.Use("en");
        AddAuthorization().SetAuthorized("Ada Admin").SetRoles(OpsRoles.Admin);

        Assert.Equal("You can roll back MY in an emergency", Badge("MY"));
    }

    [Fact]
    public void InChinese()
    {
        using var culture = UiCulture.Use("zh-Hant");
        AddAuthorization().SetAuthorized("Ada Admin").SetRoles(OpsRoles.Admin);

        Assert.Equal("您可以緊急回復 MY", Badge("MY"));
    }

    private string Badge(string site) =>
        Render<SiteAccessBadge>(p => p.Add(b => b.Site, site)).Find("[data-testid=site-access]").TextContent.Trim();
}
