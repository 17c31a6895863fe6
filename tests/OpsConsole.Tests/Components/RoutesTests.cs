using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Components;
using OpsConsole.Localization;

namespace OpsConsole.Tests.Components;

/// <summary>The router's own "not found", shown for an address reached from inside the console (a link followed in the circuit).</summary>
public sealed class RoutesTests : BunitContext
{
    public RoutesTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
        AddAuthorization().SetAuthorized("Hana Ho").SetRoles(OpsRoles.Editor("HK"));
    }

    [Fact]
    public void Routes_AtAnAddressWithNoPage_OffersTheWayBackToTheOverview_AsTheNotFoundPageDoes()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/sites/HK/no-such-page");

        var routes = Render<Routes>();

        var main = routes.Find("main");
        Assert.Equal("Not found", main.QuerySelector("h1")!.TextContent);
        var back = Assert.Single(main.QuerySelectorAll("a"), a => a.TextContent == "Go to the overview");
        Assert.Equal("./", back.GetAttribute("href"));
    }

    [Fact]
    public void NotFoundPage_OffersTheSameWayBack()
    {
        var page = Render<OpsConsole.Components.Pages.NotFoundPage>();

        var back = Assert.Single(page.FindAll("a"), a => a.TextContent == "Go to the overview");
        Assert.Equal("./", back.GetAttribute("href"));
    }
}
