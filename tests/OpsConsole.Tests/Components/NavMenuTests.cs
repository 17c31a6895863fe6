using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Components.Layout;
using OpsConsole.Localization;
using Radzen;

namespace OpsConsole.Tests.Components;

public sealed class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    [Fact]
    public void NavMenu_ListsOverviewEverySiteAndAudit()
    {
        AddAuthorization().SetAuthorized("Vera Viewer").SetRoles(OpsRoles.Viewer);

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(Href).ToList();
        Assert.Contains("audit", links);
        foreach (var site in new[] { "HK", "TW", "SG", "MY" })
        {
            Assert.Contains($"sites/{site}/config", links);
            Assert.Contains($"sites/{site}/change-requests", links);
            Assert.Contains($"sites/{site}/releases", links);
        }
    }

    [Fact]
    public void NavMenu_ForNonAdmin_HidesAdministration()
    {
        AddAuthorization().SetAuthorized("Hana Ho").SetRoles(OpsRoles.Editor("HK"));

        var menu = Render<NavMenu>();

        Assert.DoesNotContain(menu.FindAll("a"), a => Href(a) == "admin");
    }

    [Fact]
    public void NavMenu_ForAdmin_ShowsAdministration()
    {
        AddAuthorization().SetAuthorized("Ada Admin").SetRoles(OpsRoles.Admin);

        var menu = Render<NavMenu>();

        Assert.Contains(menu.FindAll("a"), a => Href(a) == "admin" && a.TextContent.Contains("Administration", StringComparison.Ordinal));
    }

    [Fact]
    public void NavMenu_OnHkPage_ExpandsHkAndClickingTwExpandsIt()
    {
        AddAuthorization().SetAuthorized("Vera Viewer").SetRoles(OpsRoles.Viewer);
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("sites/HK/releases");

        var menu = Render<NavMenu>();

        Assert.True(IsExpanded(menu, "HK · Hong Kong"));
        Assert.False(IsExpanded(menu, "TW · Taiwan"));

        Item(menu, "TW · Taiwan").QuerySelector(".rz-navigation-item-link")!.Click();

        Assert.True(IsExpanded(menu, "TW · Taiwan"));
    }

    // bUnit resolves links against its fake base address "about:///".
    private static string Href(AngleSharp.Dom.IElement link) => (link.GetAttribute("href") ?? "").Replace("about:///", "", StringComparison.Ordinal);

    private static AngleSharp.Dom.IElement Item(IRenderedComponent<NavMenu> menu, string text) =>
        menu.FindAll("li.rz-navigation-item").First(li => li.QuerySelector(".rz-navigation-item-text")?.TextContent.Trim() == text);

    private static bool IsExpanded(IRenderedComponent<NavMenu> menu, string text) => Item(menu, text).GetAttribute("aria-expanded") == "true";
}
